/*
 * AX Hub Funding Pipeline: when will a programme launch? On a programme's page a Gantt-like chart of its stages —
 * those behind it as bars of their real duration, those ahead as forecast bars with their 80 % band — with today and
 * the planned start year; on the pipeline's definition page the programmes at risk. The forecast comes from the
 * application's forecast API (/camunda/api/axhub/forecast), computed as the logged-in official.
 */
import {KOREAN, stageName, regionText, groupText, el, axhubApi, fetchJson, labelsOf, container, reset,
  failure, summaryTable} from './reporting-plugins.js';

const TEXT = {
  ko: {
    chartTab: '착수 예측',
    atRiskTab: '착수 지연 위험',
    expectedLaunch: '예상 착수일 (모든 과제 착수)',
    launched: '착수 완료일',
    band: '80% 범위',
    route: '예측 경로',
    basedOn: n => `이전 사업 ${n}건의 단계 이력에 근거`,
    standard: '이력이 부족해 표준 기간을 적용한 단계',
    late: (year, days) => `계획 착수 연도 ${year}년보다 ${days}일 늦을 것으로 예상됩니다.`,
    onTime: year => `계획 착수 연도 ${year}년 안에 착수할 것으로 예상됩니다.`,
    today: '오늘',
    plannedStart: year => `계획 착수 연도 ${year}`,
    stage: '단계',
    status: '상태',
    entered: '진입일',
    left: '종료일',
    duration: '소요 기간',
    source: '근거',
    loops: '반복 확률',
    holders: '담당',
    statuses: {DONE: '완료', CURRENT: '진행 중', EXPECTED: '예상'},
    history: (visits, programmes) => `이력 ${visits}건 (사업 ${programmes}개)`,
    standardSource: '표준 기간',
    days: '일',
    overP80: '이전 사업 80%보다 오래 머무는 중',
    legendPast: '지난 단계 (실제 기간)',
    legendCurrent: '현재 단계 (지금까지)',
    legendExpected: '남은 단계 (예상 중앙값)',
    legendBand: '80% 범위',
    downloadCsv: 'CSV 내려받기',
    noForecast: '이 프로세스에는 착수 예측이 없습니다.',
    notRunning: '종료된 사업입니다: 남은 단계가 없습니다.',
    programme: '사업',
    region: '지역',
    kind: '위험',
    daysAtStake: '위험 일수',
    reason: '사유',
    kinds: {LATE_LAUNCH: '착수 연도 초과', STAGE_OVERRUN: '단계 장기 체류'},
    noRisk: '착수가 늦어질 위험이 있는 사업이 없습니다.',
    atRiskHint: '예상 착수일이 계획 착수 연도를 넘기거나, 현재 단계에 이전 사업의 80%보다 오래 머무는 사업입니다.'
  },
  en: {
    chartTab: 'Launch forecast',
    atRiskTab: 'Programmes at risk',
    expectedLaunch: 'Expected launch (every R&D task kicked off)',
    launched: 'Launched on',
    band: '80 % band',
    route: 'Route forecast',
    basedOn: n => `Based on the stage history of ${n} earlier programmes`,
    standard: 'Stages on standard durations for lack of history',
    late: (year, days) => `Expected ${days} days after the planned start year ${year}.`,
    onTime: year => `Expected within the planned start year ${year}.`,
    today: 'today',
    plannedStart: year => `planned start ${year}`,
    stage: 'Stage',
    status: 'Status',
    entered: 'Entered',
    left: 'Left',
    duration: 'Duration',
    source: 'Source',
    loops: 'Loop probability',
    holders: 'Held by',
    statuses: {DONE: 'done', CURRENT: 'in progress', EXPECTED: 'expected'},
    history: (visits, programmes) => `history: ${visits} stays (${programmes} programmes)`,
    standardSource: 'standard durations',
    days: 'days',
    overP80: 'longer than 80 % of earlier stays',
    legendPast: 'past stages (real duration)',
    legendCurrent: 'current stage (so far)',
    legendExpected: 'stages ahead (median)',
    legendBand: '80 % band',
    downloadCsv: 'Download CSV',
    noForecast: 'This process has no launch forecast.',
    notRunning: 'The programme has ended: no stage lies ahead.',
    programme: 'Programme',
    region: 'Region',
    kind: 'Risk',
    daysAtStake: 'Days at stake',
    reason: 'Reason',
    kinds: {LATE_LAUNCH: 'launch after the start year', STAGE_OVERRUN: 'stage overrun'},
    noRisk: 'No programme is at risk of a late launch.',
    atRiskHint: 'Programmes expected to launch after their planned start year, or staying in their stage longer than '
      + '80 % of earlier programmes did.'
  }
};
const T = KOREAN ? TEXT.ko : TEXT.en;
const PROGRAMME_PROCESS = 'ax-funding-pipeline';
const DAY = 86400000;

const STYLE = `
.axhub-forecast svg { font-family: inherit; font-size: 12px; }
.axhub-forecast .axhub-late { color: #a94442; font-weight: bold; }
.axhub-forecast td.axhub-nowrap, .axhub-forecast td.axhub-number, .axhub-forecast td:first-child { white-space: nowrap; }
.axhub-forecast .axhub-legend span { display: inline-block; margin-right: 14px; }
.axhub-forecast .axhub-legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px;
  vertical-align: middle; }
`;

const COLOURS = {DONE: '#6b8fb5', CURRENT: '#e0a526', EXPECTED: '#9cc3e6', band: 'rgba(31, 119, 180, 0.28)',
  today: '#c9302c', planned: 'rgba(92, 184, 92, 0.16)', overrun: '#c9302c'};

function svg(tag, attributes, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      element.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => {
    if (child !== null && child !== undefined) {
      element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return element;
}

/** A calendar day in Seoul, as the officials write it. */
function day(value) {
  if (!value) {
    return '';
  }
  return new Date(value).toLocaleDateString(KOREAN ? 'ko-KR' : 'en-GB',
    {timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit'});
}

function daysText(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return `${Number(value).toFixed(0)}${KOREAN ? '' : ' '}${T.days}`;
}

function ms(value) {
  return value ? new Date(value).getTime() : null;
}

/** Where each stage's bar starts and ends: real dates behind, the forecast ahead. */
function spans(forecast, now) {
  return forecast.stages.map(s => {
    if (s.status === 'DONE') {
      return {stage: s, from: ms(s.entered), to: ms(s.left)};
    }
    if (s.status === 'CURRENT') {
      return {stage: s, from: ms(s.entered), to: now, ahead: [now, ms(s.expectedExit)],
        band: [ms(s.exitEarly), ms(s.exitLate)]};
    }
    return {stage: s, from: ms(s.expectedEntry), to: ms(s.expectedExit), band: [ms(s.exitEarly), ms(s.exitLate)]};
  });
}

/** The chart fills the tab's width ({@code available} pixels), its text at the page's size. */
function renderChart(forecast, now, available) {
  const rows = spans(forecast, now);
  const plannedFrom = forecast.plannedStartYear ? Date.UTC(forecast.plannedStartYear, 0, 1) - 9 * 3600000 : null;
  const plannedTo = forecast.plannedStartYear ? Date.UTC(forecast.plannedStartYear + 1, 0, 1) - 9 * 3600000 : null;
  const times = [now, plannedFrom, plannedTo, ms(forecast.launchLate)];
  rows.forEach(r => times.push(r.from, r.to, ...(r.band || []), ...(r.ahead || [])));
  const known = times.filter(t => t !== null && t !== undefined && !Number.isNaN(t));
  const start = Math.min(...known);
  const end = Math.max(...known) + 30 * DAY;
  const label = 190;
  const width = Math.max(640, Math.min(1600, available - 12));
  const row = 26;
  const top = 34;
  const height = top + rows.length * row + 46;
  const x = t => label + (t - start) / (end - start) * (width - label - 20);
  const chart = svg('svg', {'data-axhub': 'forecast-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'aria-label': T.chartTab});

  if (plannedFrom !== null) {
    chart.appendChild(svg('rect', {'data-axhub': 'planned-start', x: x(plannedFrom), y: top - 6,
      width: Math.max(1, x(plannedTo) - x(plannedFrom)), height: rows.length * row + 12, fill: COLOURS.planned}));
    chart.appendChild(svg('text', {x: x(plannedFrom) + 4, y: top + rows.length * row + 20, fill: '#3c763d'},
      T.plannedStart(forecast.plannedStartYear)));
  }
  for (let year = new Date(start).getUTCFullYear() + 1; Date.UTC(year, 0, 1) < end; year++) {
    const at = x(Date.UTC(year, 0, 1) - 9 * 3600000);
    chart.appendChild(svg('line', {x1: at, x2: at, y1: top - 10, y2: top + rows.length * row, stroke: '#ddd'}));
    chart.appendChild(svg('text', {x: at + 3, y: top - 14, fill: '#666'}, String(year)));
  }
  rows.forEach((r, i) => {
    const y = top + i * row;
    const s = r.stage;
    chart.appendChild(svg('text', {x: 4, y: y + 16, 'data-axhub': 'stage-label'}, stageName(s.stage)));
    const barY = y + 4;
    if (r.from !== null && r.to !== null) {
      chart.appendChild(svg('rect', {'data-axhub': 'bar', 'data-stage': s.stage, 'data-status': s.status,
        x: x(r.from), y: barY, width: Math.max(2, x(r.to) - x(r.from)), height: 16,
        fill: s.status === 'EXPECTED' ? COLOURS.EXPECTED : COLOURS[s.status],
        stroke: s.overP80 ? COLOURS.overrun : 'none', 'stroke-width': s.overP80 ? 2 : 0},
      svg('title', {}, `${stageName(s.stage)}: ${day(r.from)} – ${day(r.to)}`)));
    }
    if (r.ahead && r.ahead[1] > r.ahead[0]) {
      chart.appendChild(svg('rect', {'data-axhub': 'bar-ahead', 'data-stage': s.stage, x: x(r.ahead[0]), y: barY,
        width: Math.max(2, x(r.ahead[1]) - x(r.ahead[0])), height: 16, fill: COLOURS.EXPECTED}));
    }
    if (r.band && r.band[0] !== null && r.band[1] !== null) {
      chart.appendChild(svg('rect', {'data-axhub': 'band', 'data-stage': s.stage, x: x(r.band[0]), y: barY + 5,
        width: Math.max(2, x(r.band[1]) - x(r.band[0])), height: 6, fill: COLOURS.band},
      svg('title', {}, `${T.band}: ${day(r.band[0])} – ${day(r.band[1])}`)));
    }
  });
  const todayX = x(now);
  chart.appendChild(svg('line', {'data-axhub': 'today', x1: todayX, x2: todayX, y1: top - 8,
    y2: top + rows.length * row + 4, stroke: COLOURS.today, 'stroke-dasharray': '4 3', 'stroke-width': 2}));
  const nearTheEnd = todayX > width - 160;
  chart.appendChild(svg('text', {x: nearTheEnd ? todayX - 4 : todayX + 4, y: top + rows.length * row + 36,
    fill: COLOURS.today, 'text-anchor': nearTheEnd ? 'end' : 'start'}, `${T.today} ${day(now)}`));
  if (forecast.launchExpected) {
    const at = x(ms(forecast.launchExpected));
    const y = top + rows.length * row - 4;
    chart.appendChild(svg('path', {'data-axhub': 'launch', d: `M ${at} ${y - 7} L ${at + 6} ${y} L ${at} ${y + 7}`
      + ` L ${at - 6} ${y} Z`, fill: forecast.late ? COLOURS.overrun : '#3c763d'},
    svg('title', {}, `${T.expectedLaunch}: ${day(forecast.launchExpected)}`)));
  }
  return chart;
}

function legend() {
  const item = (colour, text) => el('span', {}, el('i', {style: `background: ${colour}`}), text);
  return el('p', {class: 'axhub-legend axhub-hint'}, item(COLOURS.DONE, T.legendPast),
    item(COLOURS.CURRENT, T.legendCurrent), item(COLOURS.EXPECTED, T.legendExpected),
    item(COLOURS.band, T.legendBand), item(COLOURS.planned, T.plannedStart('').trim()));
}

function renderStages(labels, forecast) {
  return el('table', {'data-axhub': 'forecast'},
    el('thead', {}, el('tr', {}, [T.stage, T.status, T.entered, T.left, T.band, T.duration, T.source, T.loops,
      T.holders].map(h => el('th', {}, h)))),
    el('tbody', {}, forecast.stages.map(s => el('tr', {'data-axhub': 'forecast-stage', 'data-stage': s.stage,
      class: s.status === 'CURRENT' ? 'axhub-open' : null},
    el('td', {}, stageName(s.stage)),
    el('td', {}, T.statuses[s.status], s.overP80 ? el('span', {class: 'axhub-overdue'}, ` · ${T.overP80}`) : null),
    el('td', {class: 'axhub-nowrap'}, s.status === 'EXPECTED' ? day(s.expectedEntry) : day(s.entered)),
    el('td', {class: 'axhub-nowrap'}, s.status === 'DONE' ? day(s.left) : day(s.expectedExit)),
    el('td', {class: 'axhub-nowrap'}, s.status === 'DONE' ? '' : `${day(s.exitEarly)} – ${day(s.exitLate)}`),
    el('td', {class: 'axhub-number'}, s.status === 'DONE' ? daysText(s.actualDays)
      : s.status === 'CURRENT' ? daysText(s.elapsedDays) : daysText(s.medianDays)),
    el('td', {}, s.status === 'DONE' ? '' : s.source === 'HISTORY' ? T.history(s.visits, s.programmes)
      : T.standardSource),
    el('td', {class: 'axhub-number'}, s.loopProbability === null || s.loopProbability === undefined ? ''
      : `${Math.round(s.loopProbability * 100)}%`),
    el('td', {}, (s.holders || []).map(g => groupText(labels, g)).join(', '))))));
}

function restyle(root) {
  reset(root);
  root.classList.add('axhub-forecast');
  root.appendChild(el('style', {}, STYLE));
}

async function showForecast(root, api, processInstanceId) {
  const base = `${axhubApi(api)}/forecast/process-instances/${encodeURIComponent(processInstanceId)}`;
  const [forecast, labels] = await Promise.all([fetchJson(base), labelsOf(api)]);
  restyle(root);
  const launch = forecast.launched
    ? [T.launched, day(forecast.launched)]
    : [T.expectedLaunch, forecast.launchExpected ? `${day(forecast.launchExpected)} (${T.band}: `
      + `${day(forecast.launchEarly)} – ${day(forecast.launchLate)})` : '', {'data-axhub': 'launch-expected'}];
  root.appendChild(summaryTable([
    [T.programme, `${forecast.programme} · ${forecast.name || ''}`],
    launch,
    forecast.state === 'ACTIVE' ? [T.route, `${forecast.routeLabel} — ${forecast.routeReason}`] : null,
    forecast.state === 'ACTIVE' ? [T.source, T.basedOn(forecast.basedOnProgrammes)] : null,
    forecast.standardStages.length ? [T.standard, forecast.standardStages.map(stageName).join(', '),
      {'data-axhub': 'standard-stages'}] : null
  ]));
  if (forecast.plannedStartYear && forecast.launchExpected && !forecast.launched) {
    root.appendChild(el('p', {class: forecast.late ? 'axhub-late' : 'axhub-hint', 'data-axhub': 'late'},
      forecast.late ? T.late(forecast.plannedStartYear, Math.round(forecast.daysLate))
        : T.onTime(forecast.plannedStartYear)));
  }
  if (forecast.state !== 'ACTIVE' && !forecast.launched) {
    root.appendChild(el('p', {class: 'axhub-hint'}, T.notRunning));
  }
  root.appendChild(renderChart(forecast, new Date(forecast.asOf).getTime(), root.clientWidth || 980));
  root.appendChild(legend());
  root.appendChild(renderStages(labels, forecast));
  root.appendChild(el('p', {}, el('a', {href: `${base}?format=csv`, 'data-axhub': 'csv-forecast'}, T.downloadCsv)));
}

async function showAtRisk(root, api) {
  const base = `${axhubApi(api)}/forecast/at-risk`;
  const [atRisk, labels] = await Promise.all([fetchJson(base), labelsOf(api)]);
  restyle(root);
  root.appendChild(el('p', {class: 'axhub-hint'}, T.atRiskHint));
  if (!atRisk.length) {
    root.appendChild(el('p', {'data-axhub': 'no-risk'}, T.noRisk));
    return;
  }
  root.appendChild(el('table', {'data-axhub': 'at-risk'},
    el('thead', {}, el('tr', {}, [T.programme, T.region, T.kind, T.stage, T.holders, T.daysAtStake,
      T.expectedLaunch, T.reason].map(h => el('th', {}, h)))),
    el('tbody', {}, atRisk.map(r => el('tr', {'data-axhub': 'risk', 'data-programme': r.programme,
      'data-kind': r.kind},
    el('td', {}, el('a', {href: `#/process-instance/${r.processInstanceId}/runtime?tab=axhub.launchForecast`},
      r.programme)),
    el('td', {}, regionText(labels, r.region)),
    el('td', {class: 'axhub-nowrap'}, T.kinds[r.kind]),
    el('td', {class: 'axhub-nowrap'}, stageName(r.stage)),
    el('td', {}, (r.holders || []).map(g => groupText(labels, g)).join(', ')),
    el('td', {class: 'axhub-number'}, daysText(r.daysAtStake)),
    el('td', {class: 'axhub-nowrap'}, day(r.launchExpected)),
    el('td', {}, r.reason))))));
  root.appendChild(el('p', {}, el('a', {href: `${base}?format=csv`, 'data-axhub': 'csv-at-risk'}, T.downloadCsv)));
}

export default [
  {
    id: 'axhub.launchForecast',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 15,
    properties: {label: T.chartTab},
    render: (node, {api, processInstanceId}) => {
      const root = container(node);
      fetchJson(`${api.engineApi}/history/process-instance/${encodeURIComponent(processInstanceId)}`)
        .then(instance => {
          if (instance.processDefinitionKey === PROGRAMME_PROCESS) {
            return showForecast(root, api, processInstanceId);
          }
          reset(root);
          root.appendChild(el('p', {}, T.noForecast));
          return null;
        })
        .catch(error => failure(root, error));
    }
  },
  {
    id: 'axhub.atRisk',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 15,
    properties: {label: T.atRiskTab},
    render: (node, {api, processDefinitionId}) => {
      const root = container(node);
      if (String(processDefinitionId || '').split(':')[0] !== PROGRAMME_PROCESS) {
        reset(root);
        root.appendChild(el('p', {}, T.noForecast));
        return;
      }
      showAtRisk(root, api).catch(error => failure(root, error));
    }
  }
];
