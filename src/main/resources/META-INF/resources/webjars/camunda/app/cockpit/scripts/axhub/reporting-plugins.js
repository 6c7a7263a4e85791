/*
 * AX Hub Funding Pipeline: the managers' view of stages in Cockpit.
 * Cockpit Community Edition shows only what runs now; these two tabs show where a programme has been, how long
 * each stage took, who decided what, and where every programme waits. The data come from the application's
 * reporting API under /camunda/api/axhub/reporting, which is guarded by the Cockpit session itself.
 */

const KOREAN = (navigator.languages && navigator.languages.length ? navigator.languages[0] : navigator.language || '')
  .toLowerCase().startsWith('ko');

const TEXT = {
  ko: {
    timelineTab: '단계별 진행 이력',
    tableTab: '사업별 단계 현황',
    programme: '사업',
    region: '지역',
    state: '상태',
    started: '시작',
    currentStage: '현재 단계',
    waitingAt: '대기 중인 업무',
    dueDate: '처리 기한',
    stage: '단계',
    visit: '회차',
    entered: '진입',
    left: '종료',
    duration: '소요 기간',
    outcome: '결과',
    actor: '결정자',
    steps: '세부 처리',
    inProgress: '진행 중',
    days: '일',
    none: '없음',
    loading: '불러오는 중…',
    failed: '진행 이력을 불러오지 못했습니다',
    notAProgramme: '이 프로세스 인스턴스는 사업 추진 절차가 아닙니다.',
    statistics: '단계별 소요 기간 (완료된 방문 기준)',
    count: '건수',
    median: '중앙값',
    p90: '90백분위',
    max: '최대',
    waitingNow: '현재 대기',
    downloadCsv: 'CSV 내려받기',
    finished: '종료됨',
    system: '시스템',
    times: '회',
    states: {ACTIVE: '진행 중', COMPLETED: '종료', SUSPENDED: '일시 중지', EXTERNALLY_TERMINATED: '취소',
      INTERNALLY_TERMINATED: '취소'}
  },
  en: {
    timelineTab: 'Stage timeline',
    tableTab: 'Programmes by stage',
    programme: 'Programme',
    region: 'Region',
    state: 'State',
    started: 'Started',
    currentStage: 'Current stage',
    waitingAt: 'Waiting at',
    dueDate: 'Due',
    stage: 'Stage',
    visit: 'Visit',
    entered: 'Entered',
    left: 'Left',
    duration: 'Duration',
    outcome: 'Outcome',
    actor: 'Decided by',
    steps: 'Steps',
    inProgress: 'in progress',
    days: 'days',
    none: 'none',
    loading: 'Loading…',
    failed: 'Could not load the timeline',
    notAProgramme: 'This process instance is not a programme of the funding pipeline.',
    statistics: 'Stage durations (finished visits)',
    count: 'Count',
    median: 'Median',
    p90: '90th percentile',
    max: 'Max',
    waitingNow: 'Waiting now',
    downloadCsv: 'Download CSV',
    finished: 'finished',
    system: 'system',
    times: 'visits',
    states: {ACTIVE: 'running', COMPLETED: 'finished', SUSPENDED: 'suspended', EXTERNALLY_TERMINATED: 'cancelled',
      INTERNALLY_TERMINATED: 'cancelled'}
  }
};
const T = KOREAN ? TEXT.ko : TEXT.en;

/** Decisions as officials chose them in the forms, in the reader's language. */
const OUTCOMES = {
  APPROVE: ['승인', 'approved'], RETURN: ['반려', 'returned'], WITHDRAW: ['철회', 'withdrawn'],
  ADOPT: ['채택', 'adopted'], SUPPLEMENT: ['보완 요청', 'supplement requested'], REJECT: ['불채택', 'rejected'],
  REQUIRED: ['예타 대상', 'study required'], NOT_REQUIRED: ['예타 비대상', 'no study required'],
  RECOMMEND: ['면제 권고', 'exemption recommended'], REFUSE: ['면제 불가', 'exemption refused'],
  SUITABLE: ['적합', 'suitable'], UNSUITABLE: ['부적합', 'unsuitable'],
  PASS: ['통과', 'passed'], FAIL: ['미통과', 'failed'],
  RESOLVED: ['의결', 'resolved'], DEFERRED: ['보류', 'deferred'], REJECTED: ['부결', 'rejected'],
  CONFIRMED: ['확정', 'confirmed'], NOT_CONFIRMED: ['미확정', 'not confirmed'],
  RESTRUCTURE: ['재구조화', 'restructure'], CANCELED: ['취소됨 (관리자 이동)', 'cancelled (moved by an administrator)'],
  COMPLETED: ['완료', 'completed']
};

/** How a programme ended, by the end event it reached. */
const ENDINGS = {
  EndEvent_ProgrammeLaunched: ['사업 착수 완료', 'programme launched'],
  EndEvent_ProposalWithdrawn: ['제안 철회', 'proposal withdrawn'],
  EndEvent_ProposalRejected: ['제안 불채택', 'proposal rejected'],
  EndEvent_StudyTargetUnsuitable: ['예타 대상 부적합', 'unsuitable for the feasibility study'],
  EndEvent_FeasibilityStudyFailed: ['예타 미통과', 'feasibility study failed'],
  EndEvent_CabinetRejected: ['국무회의 부결', 'rejected by the cabinet'],
  EndEvent_CommitteeNotConfirmed: ['총괄위원회 미확정', 'not confirmed by the committee']
};

const STAGES = {
  PROPOSAL: ['사업 제안', 'Proposal'],
  FEASIBILITY_REQUIREMENT: ['예타 대상 판단', 'Feasibility requirement'],
  EXEMPTION: ['예타 면제', 'Exemption'],
  FULL_STUDY: ['예비타당성조사', 'Full feasibility study'],
  CABINET: ['국무회의 의결', 'Cabinet resolution'],
  COMMITTEE: ['총괄위원회 확정 · 국회 보고', 'Committee confirmation and Assembly report'],
  ADEQUACY_REVIEW: ['사업계획 적정성 검토', 'Business-plan adequacy review'],
  BUDGET: ['예산 반영', 'Budget'],
  KICKOFF: ['과제 착수', 'Task kickoff']
};

const STYLE = `
.axhub-report { padding: 12px 0; font-size: 13px; }
.axhub-report table { border-collapse: collapse; margin-bottom: 16px; }
.axhub-report th, .axhub-report td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.axhub-report th { background: #f4f4f4; }
.axhub-report .axhub-open { background: #fff6db; font-weight: bold; }
.axhub-report .axhub-steps { color: #555; font-size: 12px; margin: 0; padding-left: 16px; }
.axhub-report .axhub-summary td:first-child { font-weight: bold; }
.axhub-report .axhub-number { text-align: right; }
.axhub-report h4 { margin: 12px 0 6px; }
`;

function stageName(stage) {
  const names = STAGES[stage];
  return names ? (KOREAN ? names[0] : names[1]) : stage;
}

function outcomeText(outcome, stage) {
  if (outcome === null || outcome === undefined) {
    return '';
  }
  if (stage === 'BUDGET' && /^\d+$/.test(outcome)) {
    return KOREAN ? `${outcome}억원 반영` : `${outcome} (100M KRW) appropriated`;
  }
  if (ENDINGS[outcome]) {
    return KOREAN ? ENDINGS[outcome][0] : ENDINGS[outcome][1];
  }
  const names = OUTCOMES[outcome];
  return names ? `${KOREAN ? names[0] : names[1]} (${outcome})` : outcome;
}

function days(millis) {
  if (millis === null || millis === undefined) {
    return '';
  }
  return `${(millis / 86400000).toFixed(1)}${KOREAN ? '' : ' '}${T.days}`;
}

function time(value) {
  if (!value) {
    return '';
  }
  return new Date(value).toLocaleString(KOREAN ? 'ko-KR' : 'en-GB', {
    timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23'
  });
}

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
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

function reportingApi(api) {
  // engineApi is "<context>/api/engine/engine/<name>"; the reporting API sits beside it in the webapps' API.
  return api.engineApi.replace(/\/engine\/engine\/[^/]+\/?$/, '') + '/axhub/reporting';
}

async function fetchJson(url) {
  // GET only: the webapps' CSRF filter requires X-XSRF-TOKEN on any other method.
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    const error = new Error(`${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function container(node) {
  node.innerHTML = '';
  const root = el('div', {class: 'axhub-report'}, el('style', {}, STYLE), el('p', {}, T.loading));
  node.appendChild(root);
  return root;
}

function renderTimeline(root, report) {
  root.innerHTML = '';
  root.appendChild(el('style', {}, STYLE));
  root.appendChild(el('table', {class: 'axhub-summary', 'data-axhub': 'summary'},
    el('tbody', {},
      el('tr', {}, el('td', {}, T.programme), el('td', {}, `${report.programme} — ${report.name || ''}`)),
      el('tr', {}, el('td', {}, T.region), el('td', {}, report.region || '')),
      el('tr', {}, el('td', {}, T.state), el('td', {}, T.states[report.state] || report.state)),
      el('tr', {}, el('td', {}, T.currentStage),
        el('td', {'data-axhub': 'current-stage'}, report.currentStage ? stageName(report.currentStage)
          : `${T.finished}${report.endEvent ? ' — ' + outcomeText(report.endEvent) : ''}`)),
      el('tr', {}, el('td', {}, T.waitingAt), el('td', {}, report.waitingAt || T.none)),
      el('tr', {}, el('td', {}, T.dueDate), el('td', {'data-axhub': 'due-date'}, time(report.dueDate) || T.none)))));

  const rows = report.visits.map(visit => el('tr', {
      class: visit.open ? 'axhub-open' : null, 'data-axhub': 'visit', 'data-stage': visit.stage,
      'data-visit': visit.visit
    },
    el('td', {}, stageName(visit.stage)),
    el('td', {class: 'axhub-number'}, visit.visit),
    el('td', {}, time(visit.entered)),
    el('td', {}, visit.open ? T.inProgress : time(visit.left)),
    el('td', {class: 'axhub-number'}, days(visit.durationMillis)),
    el('td', {}, outcomeText(visit.outcome, visit.stage)),
    el('td', {}, visit.actor || (visit.stage === 'FEASIBILITY_REQUIREMENT' ? T.system : '')),
    el('td', {}, el('ul', {class: 'axhub-steps'}, visit.steps.map(step => el('li', {},
      `${time(step.completedAt)} · ${step.name}${step.completedBy ? ' · ' + step.completedBy : ''}`
      + `${step.decision ? ' · ' + outcomeText(step.decision, visit.stage) : ''}`))))));
  root.appendChild(el('table', {'data-axhub': 'timeline'},
    el('thead', {}, el('tr', {}, [T.stage, T.visit, T.entered, T.left, T.duration, T.outcome, T.actor, T.steps]
      .map(label => el('th', {}, label)))),
    el('tbody', {}, rows)));
}

function renderTable(root, base, programmes, stages) {
  root.innerHTML = '';
  root.appendChild(el('style', {}, STYLE));
  const stageIds = Object.keys(STAGES);
  const rows = programmes.map(programme => {
    const cells = stageIds.map(stage => {
      const visits = programme.visits.filter(v => v.stage === stage);
      if (!visits.length) {
        return el('td', {});
      }
      const total = visits.reduce((sum, v) => sum + v.durationMillis, 0);
      const open = visits.some(v => v.open);
      return el('td', {class: open ? 'axhub-number axhub-open' : 'axhub-number', 'data-stage': stage},
        days(total) + (visits.length > 1 ? ` (${visits.length}${T.times})` : '') + (open ? ` · ${T.inProgress}` : ''));
    });
    return el('tr', {'data-axhub': 'programme', 'data-programme': programme.programme},
      el('td', {}, el('a', {href: `#/process-instance/${programme.processInstanceId}/runtime`}, programme.programme)),
      el('td', {}, programme.region || ''),
      el('td', {}, programme.currentStage ? stageName(programme.currentStage)
        : `${T.finished}${programme.endEvent ? ' — ' + outcomeText(programme.endEvent) : ''}`),
      cells);
  });
  root.appendChild(el('table', {'data-axhub': 'programmes'},
    el('thead', {}, el('tr', {}, el('th', {}, T.programme), el('th', {}, T.region), el('th', {}, T.currentStage),
      stageIds.map(stage => el('th', {}, stageName(stage))))),
    el('tbody', {}, rows)));

  root.appendChild(el('h4', {}, T.statistics));
  root.appendChild(el('table', {'data-axhub': 'statistics'},
    el('thead', {}, el('tr', {}, [T.stage, T.count, T.median, T.p90, T.max, T.waitingNow]
      .map(label => el('th', {}, label)))),
    el('tbody', {}, stages.map(s => el('tr', {'data-stage': s.stage},
      el('td', {}, stageName(s.stage)),
      el('td', {class: 'axhub-number'}, s.count),
      el('td', {class: 'axhub-number'}, days(s.medianMillis)),
      el('td', {class: 'axhub-number'}, days(s.p90Millis)),
      el('td', {class: 'axhub-number'}, days(s.maxMillis)),
      el('td', {class: 'axhub-number'}, s.waitingNow))))));
  root.appendChild(el('p', {},
    el('a', {href: `${base}/programmes?format=csv`, 'data-axhub': 'csv-programmes'}, `${T.downloadCsv} (${T.programme})`),
    ' · ',
    el('a', {href: `${base}/stages?format=csv`, 'data-axhub': 'csv-stages'}, `${T.downloadCsv} (${T.stage})`)));
}

function failure(root, error) {
  root.innerHTML = '';
  root.appendChild(el('p', {'data-axhub': 'error'}, error.status === 404 ? T.notAProgramme : `${T.failed} (${error.message})`));
}

export default [
  {
    id: 'axhub.programmeTimeline',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: {label: T.timelineTab},
    render: (node, {api, processInstanceId}) => {
      const root = container(node);
      fetchJson(`${reportingApi(api)}/process-instances/${encodeURIComponent(processInstanceId)}`)
        .then(report => renderTimeline(root, report))
        .catch(error => failure(root, error));
    }
  },
  {
    id: 'axhub.programmesByStage',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 20,
    properties: {label: T.tableTab},
    render: (node, {api, processDefinitionId}) => {
      const root = container(node);
      if (processDefinitionId && !String(processDefinitionId).startsWith('ax-funding-pipeline:')) {
        root.innerHTML = '';
        root.appendChild(el('p', {}, T.notAProgramme));
        return;
      }
      const base = reportingApi(api);
      Promise.all([fetchJson(`${base}/programmes`), fetchJson(`${base}/stages`)])
        .then(([programmes, stages]) => renderTable(root, base, programmes, stages))
        .catch(error => failure(root, error));
    }
  }
];
