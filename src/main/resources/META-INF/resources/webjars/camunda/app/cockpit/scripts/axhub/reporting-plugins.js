/*
 * AX Hub Funding Pipeline: the managers' view of stages in Cockpit.
 * Cockpit Community Edition shows only what runs now; these tabs show where a programme has been, how long each
 * stage took, who decided what, how each of its R&D tasks is kicking off, and where every programme waits. The data
 * come from the application's reporting API under /camunda/api/axhub and from the engine API of the Cockpit session,
 * both guarded by the session itself; codes are shown in words (/camunda/api/axhub/labels: regions, groups and the
 * choices of every form).
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
    noTimeline: '이 프로세스에는 단계별 진행 이력이 없습니다.',
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
    exemptionGround: '면제 사유',
    allRegions: '전체 지역',
    period: '사업 시작 기간',
    lastYears: n => `최근 ${n}년`,
    allTime: '전체 기간',
    custom: '직접 지정',
    from: '부터',
    to: '까지',
    previous: '이전',
    next: '다음',
    pageOf: (first, last, total) => `총 ${total}건 중 ${first}–${last}`,
    noProgrammes: '이 조건에 맞는 사업이 없습니다.',
    tasks: '과제별 착수 현황',
    tasksHint: '시행계획의 과제는 모두 동시에 착수 절차를 시작합니다.',
    task: '과제',
    track: '트랙',
    sector: '분야',
    holder: '담당',
    leadInstitution: '주관기관',
    managingAgency: '전문기관',
    selection: '선정 결과',
    averageScore: '평균 점수',
    agreement: '협약 번호',
    kickoffDate: '착수일',
    kickedOff: '착수 완료',
    noTasks: '아직 착수 절차를 시작한 과제가 없습니다.',
    activity: '처리 단계',
    started: '시작',
    handledBy: '처리자',
    overdue: '기한 경과',
    states: {ACTIVE: '진행 중', COMPLETED: '종료', SUSPENDED: '일시 중지', EXTERNALLY_TERMINATED: '취소',
      INTERNALLY_TERMINATED: '취소'}
  },
  en: {
    timelineTab: 'Stage timeline',
    tableTab: 'Programmes by stage',
    programme: 'Programme',
    region: 'Region',
    state: 'State',
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
    noTimeline: 'This process has no stage timeline.',
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
    exemptionGround: 'Exemption ground',
    allRegions: 'All regions',
    period: 'Started',
    lastYears: n => `last ${n} years`,
    allTime: 'any time',
    custom: 'between',
    from: 'from',
    to: 'to',
    previous: 'Previous',
    next: 'Next',
    pageOf: (first, last, total) => `${first}–${last} of ${total}`,
    noProgrammes: 'No programme matches.',
    tasks: 'Kickoff of the R&D tasks',
    tasksHint: 'Every task of the implementation plan starts its kickoff at the same time.',
    task: 'R&D task',
    track: 'Track',
    sector: 'Sector',
    holder: 'Held by',
    leadInstitution: 'Lead institution',
    managingAgency: 'Managing agency',
    selection: 'Selection',
    averageScore: 'Average score',
    agreement: 'Agreement',
    kickoffDate: 'Kicked off on',
    kickedOff: 'kicked off',
    noTasks: 'No R&D task has started its kickoff yet.',
    activity: 'Step',
    started: 'Started',
    handledBy: 'Handled by',
    overdue: 'overdue',
    states: {ACTIVE: 'running', COMPLETED: 'finished', SUSPENDED: 'suspended', EXTERNALLY_TERMINATED: 'cancelled',
      INTERNALLY_TERMINATED: 'cancelled'}
  }
};
const T = KOREAN ? TEXT.ko : TEXT.en;

const PROGRAMME_PROCESS = 'ax-funding-pipeline';
const KICKOFF_PROCESS = 'rnd-task-kickoff';
const PAGE_SIZE = 20;

/** Stage outcomes in the reader's language (a stage's outcome is the decision that ended it). */
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

/** Selection of an R&D task (decision table) — REJECTED there means not selected, not a cabinet vote. */
const SELECTION = {
  SELECTED: ['선정', 'selected'], CONDITIONAL: ['조건부 선정', 'selected on conditions'], REJECTED: ['미선정', 'not selected']
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

/** The steps of an R&D task's kickoff worth a line in its timeline (gateways and the like are not). */
const KICKOFF_STEP_TYPES = ['startEvent', 'userTask', 'businessRuleTask', 'serviceTask', 'intermediateTimer',
  'intermediateMessageCatch', 'boundaryTimer', 'noneEndEvent', 'endEvent'];

const STYLE = `
.axhub-report { padding: 12px 0; font-size: 13px; }
.axhub-report table { border-collapse: collapse; margin-bottom: 16px; }
.axhub-report th, .axhub-report td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.axhub-report th { background: #f4f4f4; }
.axhub-report .axhub-open { background: #fff6db; font-weight: bold; }
.axhub-report .axhub-overdue { color: #a94442; font-weight: bold; }
.axhub-report .axhub-steps { color: #555; font-size: 12px; margin: 0; padding-left: 16px; }
.axhub-report .axhub-summary td:first-child { font-weight: bold; white-space: nowrap; }
.axhub-report .axhub-number { text-align: right; }
.axhub-report .axhub-hint { color: #666; }
.axhub-report .axhub-filters { margin-bottom: 10px; }
.axhub-report .axhub-filters label { margin-right: 12px; font-weight: normal; }
.axhub-report .axhub-filters select, .axhub-report .axhub-filters input { margin-left: 4px; }
.axhub-report .axhub-pager button { margin-right: 6px; }
.axhub-report h4 { margin: 12px 0 6px; }
`;

function pick(names) {
  return KOREAN ? names[0] : names[1];
}

function stageName(stage) {
  return STAGES[stage] ? pick(STAGES[stage]) : stage;
}

function outcomeText(outcome, stage) {
  if (outcome === null || outcome === undefined) {
    return '';
  }
  if (stage === 'BUDGET' && /^\d+$/.test(outcome)) {
    return KOREAN ? `${outcome}억원 반영` : `${outcome} (100M KRW) appropriated`;
  }
  if (ENDINGS[outcome]) {
    return pick(ENDINGS[outcome]);
  }
  return OUTCOMES[outcome] ? pick(OUTCOMES[outcome]) : outcome;
}

function regionText(labels, region) {
  const names = labels.regions[region];
  if (!names) {
    return region || '';
  }
  return KOREAN ? `${names.ko} (${names.en})` : names.en;
}

function groupText(labels, group) {
  return labels.groups[group] || group;
}

/** A choice of a form (an exemption ground, a track) as the official saw it when choosing. */
function choiceText(labels, field, value) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const choices = labels.choices[field] || {};
  return choices[value] || String(value);
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

/** A calendar day in Seoul as the reporting API takes it (YYYY-MM-DD). */
function seoulDay(date) {
  return date.toLocaleDateString('sv-SE', {timeZone: 'Asia/Seoul'});
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

function axhubApi(api) {
  // engineApi is "<context>/api/engine/engine/<name>"; the application's API sits beside it in the webapps' API.
  return api.engineApi.replace(/\/engine\/engine\/[^/]+\/?$/, '') + '/axhub';
}

async function fetchResponse(url) {
  // GET only: the webapps' CSRF filter requires X-XSRF-TOKEN on any other method.
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    const error = new Error(`${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response;
}

async function fetchJson(url) {
  return (await fetchResponse(url)).json();
}

let labelsOnce = null;

function labelsOf(api) {
  if (!labelsOnce) {
    labelsOnce = fetchJson(`${axhubApi(api)}/labels`).catch(error => {
      labelsOnce = null;
      throw error;
    });
  }
  return labelsOnce;
}

function query(parameters) {
  const search = new URLSearchParams();
  Object.entries(parameters).forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  });
  return search.toString();
}

function variablesByName(list) {
  const values = {};
  list.forEach(v => {
    values[v.name] = v.value;
  });
  return values;
}

function container(node) {
  node.innerHTML = '';
  const root = el('div', {class: 'axhub-report'}, el('style', {}, STYLE), el('p', {}, T.loading));
  node.appendChild(root);
  return root;
}

function reset(root) {
  root.innerHTML = '';
  root.appendChild(el('style', {}, STYLE));
}

function failure(root, error) {
  reset(root);
  root.appendChild(el('p', {'data-axhub': 'error'}, `${T.failed} (${error.message})`));
}

function summaryTable(rows) {
  return el('table', {class: 'axhub-summary', 'data-axhub': 'summary'}, el('tbody', {},
    rows.filter(row => row).map(([label, value, attributes]) => el('tr', {},
      el('td', {}, label), el('td', attributes || {}, value)))));
}

/* ---------- A programme: its stages, and the kickoff of each of its R&D tasks ---------- */

function renderProgramme(root, report, labels, variables) {
  reset(root);
  root.appendChild(summaryTable([
    [T.programme, `${report.programme} — ${report.name || ''}`],
    [T.region, regionText(labels, report.region), {'data-axhub': 'region'}],
    variables.exemptionGround
      ? [T.exemptionGround, choiceText(labels, 'exemptionGround', variables.exemptionGround),
        {'data-axhub': 'exemption-ground'}]
      : null,
    [T.state, T.states[report.state] || report.state],
    [T.currentStage, report.currentStage ? stageName(report.currentStage)
      : `${T.finished}${report.endEvent ? ' — ' + outcomeText(report.endEvent) : ''}`,
    {'data-axhub': 'current-stage'}],
    [T.waitingAt, report.waitingAt || T.none],
    [T.dueDate, time(report.dueDate) || T.none, {'data-axhub': 'due-date'}]
  ]));

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

/** Who holds an open task: its assignee, else the groups that may claim it. */
async function holders(api, labels, tasks) {
  const held = {};
  await Promise.all(tasks.map(async task => {
    if (task.assignee) {
      held[task.id] = task.assignee;
      return;
    }
    const links = await fetchJson(`${api.engineApi}/task/${encodeURIComponent(task.id)}/identity-links?type=candidate`);
    held[task.id] = links.map(link => link.groupId ? groupText(labels, link.groupId) : link.userId).join(', ');
  }));
  return held;
}

/** The kickoffs' variables, open tasks and their holders, for a list of historic kickoff instances. */
async function kickoffProgress(api, labels, kickoffs) {
  if (!kickoffs.length) {
    return [];
  }
  const ids = kickoffs.map(k => k.id).join(',');
  const [variables, tasks] = await Promise.all([
    fetchJson(`${api.engineApi}/history/variable-instance?${query({processInstanceIdIn: ids,
      variableNameIn: 'programmeCode,taskCode,taskTitle,track,sector,region', deserializeValues: false})}`),
    fetchJson(`${api.engineApi}/task?${query({processInstanceIdIn: ids})}`)
  ]);
  const held = await holders(api, labels, tasks);
  return kickoffs.map(kickoff => ({
    kickoff,
    variables: variablesByName(variables.filter(v => v.processInstanceId === kickoff.id)),
    tasks: tasks.filter(t => t.processInstanceId === kickoff.id).map(t => ({...t, holder: held[t.id]}))
  }));
}

function renderKickoffTable(root, labels, progress, withProgramme) {
  if (!progress.length) {
    root.appendChild(el('p', {'data-axhub': 'no-tasks'}, T.noTasks));
    return;
  }
  const now = Date.now();
  const rows = progress.map(({kickoff, variables, tasks}) => {
    const open = kickoff.state === 'ACTIVE' || kickoff.state === 'SUSPENDED';
    const stage = open ? (tasks.map(t => t.name).join(', ') || T.inProgress)
      : (kickoff.state === 'COMPLETED' ? T.kickedOff : T.states[kickoff.state] || kickoff.state);
    const due = tasks.map(t => t.due).filter(d => d).sort()[0];
    return el('tr', {'data-axhub': 'kickoff', 'data-task': variables.taskCode || kickoff.businessKey,
        class: open ? null : 'axhub-hint'},
      el('td', {}, open
        ? el('a', {href: `#/process-instance/${kickoff.id}/runtime`}, variables.taskCode || kickoff.businessKey)
        : variables.taskCode || kickoff.businessKey,
      variables.taskTitle ? ` — ${variables.taskTitle}` : ''),
      withProgramme ? el('td', {}, variables.programmeCode || '') : null,
      withProgramme ? el('td', {}, regionText(labels, variables.region)) : null,
      el('td', {}, choiceText(labels, 'track', variables.track)),
      el('td', {'data-axhub': 'kickoff-stage'}, stage),
      el('td', {'data-axhub': 'kickoff-holder'}, tasks.map(t => t.holder).filter(h => h).join(', ')),
      el('td', {'data-axhub': 'kickoff-due', class: due && Date.parse(due) < now ? 'axhub-overdue' : null},
        due ? `${time(due)}${Date.parse(due) < now ? ' · ' + T.overdue : ''}` : ''));
  });
  root.appendChild(el('table', {'data-axhub': 'kickoffs'},
    el('thead', {}, el('tr', {}, [T.task, withProgramme ? T.programme : null, withProgramme ? T.region : null,
      T.track, T.currentStage, T.holder, T.dueDate].filter(h => h).map(label => el('th', {}, label)))),
    el('tbody', {}, rows)));
}

async function showProgramme(root, api, processInstanceId) {
  const base = axhubApi(api);
  const [report, labels, variables, kickoffs] = await Promise.all([
    fetchJson(`${base}/reporting/process-instances/${encodeURIComponent(processInstanceId)}`),
    labelsOf(api),
    fetchJson(`${api.engineApi}/history/variable-instance?${query({processInstanceId,
      variableNameIn: 'exemptionGround', deserializeValues: false})}`),
    fetchJson(`${api.engineApi}/history/process-instance?${query({superProcessInstanceId: processInstanceId,
      sortBy: 'startTime', sortOrder: 'asc'})}`)
  ]);
  const progress = await kickoffProgress(api, labels, kickoffs);
  renderProgramme(root, report, labels, variablesByName(variables));
  if (kickoffs.length || report.currentStage === 'KICKOFF') {
    root.appendChild(el('h4', {}, T.tasks));
    root.appendChild(el('p', {class: 'axhub-hint'}, T.tasksHint));
    renderKickoffTable(root, labels, progress, false);
  }
}

/* ---------- One R&D task's kickoff: its own timeline ---------- */

async function showKickoff(root, api, processInstance) {
  const id = processInstance.id;
  const [labels, variableList, activities, tasks] = await Promise.all([
    labelsOf(api),
    fetchJson(`${api.engineApi}/history/variable-instance?${query({processInstanceId: id, deserializeValues: false})}`),
    fetchJson(`${api.engineApi}/history/activity-instance?${query({processInstanceId: id, sortBy: 'startTime',
      sortOrder: 'asc'})}`),
    fetchJson(`${api.engineApi}/task?${query({processInstanceId: id})}`)
  ]);
  const held = await holders(api, labels, tasks);
  const v = variablesByName(variableList);
  const due = tasks.map(t => t.due).filter(d => d).sort()[0];
  reset(root);
  root.appendChild(summaryTable([
    [T.task, `${v.taskCode || processInstance.businessKey}${v.taskTitle ? ' — ' + v.taskTitle : ''}`],
    [T.programme, processInstance.superProcessInstanceId
      ? el('a', {href: `#/process-instance/${processInstance.superProcessInstanceId}/runtime`}, v.programmeCode || '')
      : v.programmeCode || ''],
    [T.region, regionText(labels, v.region), {'data-axhub': 'region'}],
    [T.track, choiceText(labels, 'track', v.track), {'data-axhub': 'track'}],
    [T.sector, choiceText(labels, 'sector', v.sector)],
    v.leadInstitution ? [T.leadInstitution, v.leadInstitution] : null,
    v.managingAgency ? [T.managingAgency, v.managingAgency] : null,
    [T.state, T.states[processInstance.state] || processInstance.state],
    [T.currentStage, tasks.map(t => t.name).join(', ')
      || (processInstance.state === 'COMPLETED' ? T.kickedOff : T.inProgress), {'data-axhub': 'current-stage'}],
    [T.holder, tasks.map(t => held[t.id]).filter(h => h).join(', ') || T.none, {'data-axhub': 'holder'}],
    [T.dueDate, time(due) || T.none, {'data-axhub': 'due-date'}],
    v.selectionDecision ? [T.selection, SELECTION[v.selectionDecision] ? pick(SELECTION[v.selectionDecision])
      : v.selectionDecision, {'data-axhub': 'selection'}] : null,
    v.averageScore !== undefined && v.averageScore !== null ? [T.averageScore, v.averageScore] : null,
    v.agreementNumber ? [T.agreement, v.agreementNumber] : null,
    v.kickoffDate ? [T.kickoffDate, v.kickoffDate] : null
  ]));

  const now = Date.now();
  const rows = activities.filter(a => KICKOFF_STEP_TYPES.includes(a.activityType) && !a.canceled)
    .map(a => el('tr', {class: a.endTime ? null : 'axhub-open', 'data-axhub': 'step', 'data-activity': a.activityId},
      el('td', {}, a.activityName || a.activityId),
      el('td', {}, time(a.startTime)),
      el('td', {}, a.endTime ? time(a.endTime) : T.inProgress),
      el('td', {class: 'axhub-number'}, days(a.durationInMillis !== null && a.durationInMillis !== undefined
        ? a.durationInMillis : now - Date.parse(a.startTime))),
      el('td', {}, a.assignee || (a.activityType === 'userTask' ? '' : T.system))));
  root.appendChild(el('table', {'data-axhub': 'kickoff-timeline'},
    el('thead', {}, el('tr', {}, [T.activity, T.started, T.left, T.duration, T.handledBy]
      .map(label => el('th', {}, label)))),
    el('tbody', {}, rows)));
}

/* ---------- Every programme by stage, chosen by region and period, a page at a time ---------- */

function periodFilter(choice, fromInput, toInput) {
  if (choice === 'all') {
    return {};
  }
  if (choice === 'custom') {
    return {from: fromInput.value, to: toInput.value};
  }
  const from = new Date();
  from.setFullYear(from.getFullYear() - Number(choice));
  return {from: seoulDay(from)};
}

function renderStageTable(labels, programmes) {
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
      el('td', {}, regionText(labels, programme.region)),
      el('td', {}, programme.currentStage ? stageName(programme.currentStage)
        : `${T.finished}${programme.endEvent ? ' — ' + outcomeText(programme.endEvent) : ''}`),
      cells);
  });
  return el('table', {'data-axhub': 'programmes'},
    el('thead', {}, el('tr', {}, el('th', {}, T.programme), el('th', {}, T.region), el('th', {}, T.currentStage),
      stageIds.map(stage => el('th', {}, stageName(stage))))),
    el('tbody', {}, rows));
}

function renderStatistics(stages) {
  return el('table', {'data-axhub': 'statistics'},
    el('thead', {}, el('tr', {}, [T.stage, T.count, T.median, T.p90, T.max, T.waitingNow]
      .map(label => el('th', {}, label)))),
    el('tbody', {}, stages.map(s => el('tr', {'data-stage': s.stage},
      el('td', {}, stageName(s.stage)),
      el('td', {class: 'axhub-number'}, s.count),
      el('td', {class: 'axhub-number'}, days(s.medianMillis)),
      el('td', {class: 'axhub-number'}, days(s.p90Millis)),
      el('td', {class: 'axhub-number'}, days(s.maxMillis)),
      el('td', {class: 'axhub-number'}, s.waitingNow)))));
}

function pager(first, shown, total, go) {
  const previous = el('button', {type: 'button', class: 'btn btn-default btn-xs', 'data-axhub': 'previous'},
    T.previous);
  const next = el('button', {type: 'button', class: 'btn btn-default btn-xs', 'data-axhub': 'next'}, T.next);
  previous.disabled = first === 0;
  next.disabled = first + shown >= total;
  previous.addEventListener('click', () => go(Math.max(0, first - PAGE_SIZE)));
  next.addEventListener('click', () => go(first + PAGE_SIZE));
  return el('p', {class: 'axhub-pager', 'data-axhub': 'pager'}, previous, next,
    total ? T.pageOf(first + 1, first + shown, total) : '');
}

function filterBar(labels, onChange) {
  const region = el('select', {'data-axhub': 'region-filter'},
    el('option', {value: ''}, T.allRegions),
    Object.keys(labels.regions).map(code => el('option', {value: code}, regionText(labels, code))));
  const period = el('select', {'data-axhub': 'period-filter'},
    el('option', {value: '1'}, T.lastYears(1)),
    el('option', {value: '3'}, T.lastYears(3)),
    el('option', {value: '5', selected: 'selected'}, T.lastYears(5)),
    el('option', {value: 'all'}, T.allTime),
    el('option', {value: 'custom'}, T.custom));
  const from = el('input', {type: 'date', 'data-axhub': 'from-filter'});
  const to = el('input', {type: 'date', 'data-axhub': 'to-filter'});
  const custom = el('span', {style: 'display: none'}, el('label', {}, T.from, from), el('label', {}, T.to, to));
  const changed = () => {
    custom.style.display = period.value === 'custom' ? '' : 'none';
    onChange({region: region.value, ...periodFilter(period.value, from, to)});
  };
  [region, period, from, to].forEach(control => control.addEventListener('change', changed));
  const bar = el('div', {class: 'axhub-filters form-inline'},
    el('label', {}, T.region, region), el('label', {}, T.period, period), custom);
  return {bar, current: () => ({region: region.value, ...periodFilter(period.value, from, to)})};
}

function showProgrammesByStage(root, api, labels) {
  const base = `${axhubApi(api)}/reporting`;
  reset(root);
  const results = el('div', {'data-axhub': 'results'});
  let shownFilter = null;

  const load = async (filter, first) => {
    shownFilter = filter;
    results.innerHTML = '';
    results.appendChild(el('p', {}, T.loading));
    try {
      const [response, stages] = await Promise.all([
        fetchResponse(`${base}/programmes?${query({...filter, firstResult: first, maxResults: PAGE_SIZE})}`),
        fetchJson(`${base}/stages?${query(filter)}`)
      ]);
      const programmes = await response.json();
      if (shownFilter !== filter) {
        return;
      }
      const total = Number(response.headers.get('X-Total-Count') || programmes.length);
      results.innerHTML = '';
      results.appendChild(programmes.length ? renderStageTable(labels, programmes)
        : el('p', {'data-axhub': 'no-programmes'}, T.noProgrammes));
      results.appendChild(pager(first, programmes.length, total, next => load(filter, next)));
      results.appendChild(el('h4', {}, T.statistics));
      results.appendChild(renderStatistics(stages));
      const csv = query({...filter, format: 'csv'});
      results.appendChild(el('p', {},
        el('a', {href: `${base}/programmes?${csv}`, 'data-axhub': 'csv-programmes'}, `${T.downloadCsv} (${T.programme})`),
        ' · ',
        el('a', {href: `${base}/stages?${csv}`, 'data-axhub': 'csv-stages'}, `${T.downloadCsv} (${T.stage})`)));
    } catch (error) {
      failure(results, error);
    }
  };

  const filters = filterBar(labels, filter => load(filter, 0));
  root.appendChild(filters.bar);
  root.appendChild(results);
  load(filters.current(), 0);
}

/** Every R&D task's kickoff, newest programmes first, a page at a time. */
function showAllKickoffs(root, api, labels) {
  reset(root);
  root.appendChild(el('p', {class: 'axhub-hint'}, T.tasksHint));
  const results = el('div', {'data-axhub': 'results'});
  root.appendChild(results);
  const load = async first => {
    results.innerHTML = '';
    results.appendChild(el('p', {}, T.loading));
    try {
      const filter = {processDefinitionKey: KICKOFF_PROCESS};
      const [kickoffs, count] = await Promise.all([
        fetchJson(`${api.engineApi}/history/process-instance?${query({...filter, sortBy: 'startTime',
          sortOrder: 'desc', firstResult: first, maxResults: PAGE_SIZE})}`),
        fetchJson(`${api.engineApi}/history/process-instance/count?${query(filter)}`)
      ]);
      const progress = await kickoffProgress(api, labels, kickoffs);
      results.innerHTML = '';
      renderKickoffTable(results, labels, progress, true);
      results.appendChild(pager(first, kickoffs.length, count.count, load));
    } catch (error) {
      failure(results, error);
    }
  };
  load(0);
}

export default [
  {
    id: 'axhub.programmeTimeline',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: {label: T.timelineTab},
    render: (node, {api, processInstanceId}) => {
      const root = container(node);
      fetchJson(`${api.engineApi}/history/process-instance/${encodeURIComponent(processInstanceId)}`)
        .then(instance => {
          if (instance.processDefinitionKey === PROGRAMME_PROCESS) {
            return showProgramme(root, api, processInstanceId);
          }
          if (instance.processDefinitionKey === KICKOFF_PROCESS) {
            return showKickoff(root, api, instance);
          }
          reset(root);
          root.appendChild(el('p', {}, T.noTimeline));
          return null;
        })
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
      const key = String(processDefinitionId || '').split(':')[0];
      labelsOf(api).then(labels => {
        if (key === KICKOFF_PROCESS) {
          showAllKickoffs(root, api, labels);
        } else if (key === PROGRAMME_PROCESS) {
          showProgrammesByStage(root, api, labels);
        } else {
          reset(root);
          root.appendChild(el('p', {}, T.noTimeline));
        }
      }).catch(error => failure(root, error));
    }
  }
];

/** What the other managers' views (forecast-plugins.js) build on, so a label or a request is made the same way. */
export {KOREAN, stageName, regionText, groupText, el, axhubApi, fetchJson, labelsOf, container, reset,
  failure, summaryTable};
