/*
 * AX Hub Funding Pipeline: Cockpit as a reader without rights to change anything sees it.
 * - Controls that would only fail (cancel, delete, suspend, add or edit a variable, retry, change a due date or a
 *   priority, edit a time to live, ...) are hidden for a user the engine does not allow to change process instances;
 *   the engine itself still refuses them (see docs/security.md), this only spares the manager the attempt.
 * - A refusal that still reaches the screen is said in Korean.
 * - The tasks dashboard names candidate groups, not their ids.
 * - Model names pass through Cockpit's translate filter as unknown keys, which escapes them once too often
 *   ("R&amp;D" in the breadcrumb); they are shown as written.
 */

const KOREAN = (navigator.languages && navigator.languages.length ? navigator.languages[0] : navigator.language || '')
  .toLowerCase().startsWith('ko');

const READ_ONLY = 'axhub-read-only';

/** What a change needs: updating process instances, directly or through their definition. */
const CHANGE_PERMISSIONS = [
  {permissionName: 'UPDATE', resourceName: 'ProcessInstance', resourceType: 8},
  {permissionName: 'UPDATE_INSTANCE', resourceName: 'ProcessDefinition', resourceType: 6}
];

const REFUSAL = /The user with id '([^']*)' does not have (one of the following permissions: )?'[^']*' permission[^.]*\.?/;
const REFUSAL_TEXT = KOREAN
  ? '이 작업을 할 권한이 없습니다. 관리자 계정은 조회만 할 수 있으며, 변경이 필요하면 운영팀에 요청하십시오.'
  : 'You may not do this: this account can only read. Ask the operations team for a change.';

const ENTITIES = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'"};
const ESCAPED = /&(amp|lt|gt|quot|#39);/g;

function engineApi() {
  const base = document.querySelector('base');
  const engine = (base.getAttribute('href') || '').replace(/\/$/, '').split('/').pop() || 'default';
  return `${base.getAttribute('engine-api')}engine/${engine}`;
}

async function mayChange() {
  const checks = await Promise.all(CHANGE_PERMISSIONS.map(async check => {
    const response = await fetch(`${engineApi()}/authorization/check?${new URLSearchParams(check)}`,
      {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (!response.ok) {
      throw new Error(`${response.status}`);
    }
    return (await response.json()).authorized === true;
  }));
  return checks.some(allowed => allowed);
}

function readableNames(scope) {
  scope.querySelectorAll('.cam-breadcrumb .text, .page-header, .ctn-header h1').forEach(node => {
    node.childNodes.forEach(text => {
      if (text.nodeType === Node.TEXT_NODE && ESCAPED.test(text.nodeValue)) {
        text.nodeValue = text.nodeValue.replace(ESCAPED, entity => ENTITIES[entity]);
      }
    });
  });
}

function koreanRefusals(scope) {
  scope.querySelectorAll('.notifications .notification, .alert').forEach(node => {
    node.querySelectorAll('*').forEach(child => child.childNodes.forEach(text => {
      if (text.nodeType === Node.TEXT_NODE && REFUSAL.test(text.nodeValue)) {
        text.nodeValue = text.nodeValue.replace(REFUSAL, REFUSAL_TEXT);
      }
    }));
  });
}

/** The decision table viewer's hit policies (dmn-js has no Korean), in the words of the glossary. */
const HIT_POLICIES = {
  'Unique': '유일 (Unique)', 'First': '첫 번째 규칙 (First)', 'Priority': '우선순위 (Priority)', 'Any': '임의 (Any)',
  'Rule order': '규칙 순서 (Rule order)', 'Output order': '출력 순서 (Output order)', 'Collect': '모두 수집 (Collect)',
  'Collect (Sum)': '합계 (Collect: Sum)', 'Collect (Min)': '최솟값 (Collect: Min)', 'Collect (Max)': '최댓값 (Collect: Max)',
  'Collect (Count)': '건수 (Collect: Count)'
};

/** Texts Cockpit and its decision table viewer write without a translation key. */
function koreanHeadings(scope) {
  if (!KOREAN) {
    return;
  }
  scope.querySelectorAll('td.actions, th.actions').forEach(cell => {
    if (cell.textContent.trim() === 'Actions') {
      cell.textContent = '작업';
    }
  });
  scope.querySelectorAll('.hit-policy').forEach(policy => {
    const label = policy.querySelector('.dms-label');
    if (label && label.textContent.trim() === 'Hit policy:') {
      label.textContent = '적중 정책:';
    }
    const value = policy.querySelector('.hit-policy-value');
    if (value && HIT_POLICIES[value.textContent.trim()]) {
      value.textContent = HIT_POLICIES[value.textContent.trim()];
      policy.setAttribute('title', value.textContent);
    }
  });
}

/** The tasks dashboard counts tasks by candidate group: groups by their names, not their ids ("agency-officers"). */
let groupNames = null;

async function loadGroupNames() {
  if (groupNames) {
    return;
  }
  const api = document.querySelector('base').getAttribute('engine-api').replace(/engine\/?$/, 'axhub');
  const response = await fetch(`${api}/labels`, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (response.ok) {
    groupNames = (await response.json()).groups;
    tidy();
  }
}

function namedGroups(scope) {
  const onTasksPage = location.hash.startsWith('#/tasks');
  document.documentElement.classList.toggle('axhub-tasks-page', onTasksPage);
  if (!onTasksPage || !groupNames) {
    return;
  }
  scope.querySelectorAll('table td').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const name = groupNames[text.nodeValue.trim()];
      if (name) {
        text.nodeValue = name;
      }
    }
  });
}

function tidy() {
  readableNames(document.body);
  koreanRefusals(document.body);
  koreanHeadings(document.body);
  namedGroups(document.body);
}

let scheduled = false;
new MutationObserver(() => {
  // Angular renders in bursts: tidy once after each burst rather than per node.
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      tidy();
    });
  }
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

function checkRights() {
  mayChange().then(allowed => {
    document.documentElement.classList.toggle(READ_ONLY, !allowed);
  }).catch(() => {
    // Not logged in yet: Cockpit logs in without loading the page again, so the check runs again on navigation.
  });
}

function onPage() {
  checkRights();
  loadGroupNames().catch(() => {
    // Not logged in yet: asked again on the next page.
  });
}

onPage();
window.addEventListener('hashchange', onPage);

export default [];
