// What Tasklist 7.24 and its form-js 1.8.7 get wrong for officials, set right in the page:
// - typed dates: form-js parses typed text with the browser's display pattern only ("2026. 12. 8." in Korean), so
//   "2026-12-08" silently became 2026-02-08. Dates are read here in the forms officials type and handed to the
//   calendar as dates; anything else is refused at the field.
// - Complete: Tasklist counts form-js's error entries, and form-js keeps an empty entry per field it has validated,
//   so Complete stayed disabled once a field had been checked. Validity is taken from the messages on screen.
// - refusals: the server names the refused fields; their messages are shown at those fields, not only in a banner.
// - form-js's own English words (required field, the calendar) in Korean for Korean browsers.
// - the task's region by its name instead of its tenant id.

const KOREAN = (navigator.language || '').toLowerCase().startsWith('ko');
const DATE_INPUT = '.fjs-form input.fjs-input[id$="-date"]';
const OWN_ERROR = 'axhub-field-error';
const APP_ROOT = (document.querySelector('base') || { getAttribute: () => '/camunda' }).getAttribute('app-root');

const WORDS = KOREAN ? {
  'Field is required.': '필수 항목입니다. (Required)',
  'Value is not a number.': '숫자를 입력하십시오. (Not a number)',
  'Select': '선택하십시오',
  'Search': '검색',
  'Add new': '추가',
  'Add': '추가',
  'Collapse': '접기',
  'Clear': '지우기'
} : {};

/** form-js's messages that carry the rule's limit, in Korean with the English meaning. */
const PATTERNS = KOREAN ? [
  [/^Field must have minimum value of (.+)\.$/, (m, v) => `${v} 이상이어야 합니다. (At least ${v})`],
  [/^Field must have maximum value of (.+)\.$/, (m, v) => `${v} 이하여야 합니다. (At most ${v})`],
  [/^Field must have minimum length of (.+)\.$/, (m, v) => `${v}자 이상 입력하십시오. (At least ${v} characters)`],
  [/^Field must have maximum length of (.+)\.$/, (m, v) => `${v}자 이하로 입력하십시오. (At most ${v} characters)`],
  [/^Field must match pattern (.+)\.$/, () => '형식이 맞지 않습니다. (Wrong format)'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m, a, b) => `가까운 유효한 값은 ${a}, ${b} 입니다. (Nearest valid values: ${a}, ${b})`],
  [/^Expand all \((\d+)\)$/, (m, n) => `모두 펼치기 (${n})`]
] : [];

const KOREAN_MONTHS = ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'];
const KOREAN_WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const ENGLISH_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const DATE_MESSAGE = '날짜를 2026-12-08 또는 2026. 12. 8. 형식으로 입력하십시오 '
  + '(enter the date as 2026-12-08 or 2026. 12. 8.)';

// ------------------------------------------------------------------------------------------------------ dates

/** Whether the browser writes dates month first (as en-US "12/8/2026"); such a display must read back too. */
function monthFirst() {
  const parts = new Intl.DateTimeFormat().formatToParts(new Date(2020, 5, 5)).map(part => part.type);
  return parts.indexOf('month') < parts.indexOf('day') && parts.indexOf('month') < parts.indexOf('year');
}

function validDate(year, month, day) {
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/**
 * A typed date, read as officials write it: year first with -, . or / between the parts (2026-12-08, 2026.12.08,
 * 2026. 12. 8.), or the browser's own display when it puts the month first (12/8/2026 in an English browser).
 * Anything else is no date: a guess would store a date nobody typed.
 */
export function readDate(text) {
  const value = text.trim();
  let match = /^(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*\.?$/.exec(value);
  if (match) {
    return validDate(Number(match[1]), Number(match[3]), Number(match[4]));
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match && monthFirst()) {
    return validDate(Number(match[3]), Number(match[1]), Number(match[2]));
  }
  return null;
}

function fieldOf(input) {
  return input.closest('.fjs-form-field');
}

function showOwnError(field, message) {
  clearOwnError(field);
  const box = document.createElement('div');
  box.className = 'fjs-form-field-error ' + OWN_ERROR;
  box.setAttribute('role', 'alert');
  box.textContent = message;
  field.appendChild(box);
  field.classList.add('axhub-has-error');
}

function clearOwnError(field) {
  if (!field) {
    return;
  }
  field.querySelectorAll('.' + OWN_ERROR).forEach(box => box.remove());
  field.classList.remove('axhub-has-error');
}

/**
 * Reads what the official typed before form-js's calendar does. A date goes to the calendar as a date (so it shows
 * in the browser's format and reaches the form as that day); text that is no date stays on screen with a message,
 * and the calendar is kept from reading it: the blur or Enter stops here, and on a click elsewhere the calendar is
 * closed first (an open calendar reads the text when the page is clicked).
 */
function takeTypedDate(input, event) {
  const picker = input._flatpickr;
  const text = input.value;
  if (!picker || input.readOnly || input.disabled) {
    return;
  }
  const field = fieldOf(input);
  if (text.trim() === '') {
    clearOwnError(field);
    return;
  }
  const date = readDate(text);
  if (!date) {
    showOwnError(field, DATE_MESSAGE);
    if (event.type === 'mousedown') {
      picker.close();
    } else {
      event.stopImmediatePropagation();
      if (event.type === 'keydown') {
        event.preventDefault();
      }
    }
    revalidate(input);
    return;
  }
  clearOwnError(field);
  const current = picker.selectedDates[0];
  if (!current || current.getTime() !== date.getTime()) {
    picker.setDate(date, true);
  } else if (picker.input.value !== text) {
    picker.setDate(date, false);
  }
  revalidate(input);
}

// Focus moving into the calendar (a day being picked) is no leaving: redrawing the days then would drop the click.
document.addEventListener('blur', event => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.matches(DATE_INPUT) && !(input._flatpickr && event.relatedTarget
      && input._flatpickr.calendarContainer.contains(event.relatedTarget))) {
    takeTypedDate(input, event);
  }
}, true);

document.addEventListener('keydown', event => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.matches(DATE_INPUT)) {
    takeTypedDate(event.target, event);
  }
}, true);

document.addEventListener('mousedown', event => {
  document.querySelectorAll(DATE_INPUT).forEach(input => {
    const picker = input._flatpickr;
    if (picker && (picker.isOpen || input === document.activeElement) && !input.contains(event.target)
        && !picker.calendarContainer.contains(event.target)) {
      takeTypedDate(input, event);
    }
  });
}, true);

// Typing again clears the message: it is checked anew when the field is left.
document.addEventListener('input', event => {
  if (event.target instanceof HTMLInputElement && event.target.matches(DATE_INPUT)) {
    clearOwnError(fieldOf(event.target));
  }
}, true);

// ------------------------------------------------------------------------------------------------------ Complete

function formElementOf(node) {
  return node.closest('[cam-tasklist-form]');
}

function controllerOf(formElement) {
  const angular = window.angular;
  return angular ? angular.element(formElement).controller('camTasklistForm') : null;
}

function hasErrorsOnScreen(formElement) {
  return Array.from(formElement.querySelectorAll('.fjs-form-field-error'))
    .some(box => box.textContent.trim() !== '');
}

/**
 * Tasklist's form controller learns the form's validity from form-js's error entries; it is told what the official
 * sees instead: the form is invalid while a message stands at a field. A field still empty but required is caught
 * on Complete, where form-js validates every field and shows its message.
 */
function wrapController(formElement) {
  const controller = controllerOf(formElement);
  if (!controller || controller.axhubWrapped) {
    return;
  }
  const notify = controller.notifyFormValidated.bind(controller);
  let pending = null;
  controller.notifyFormValidated = () => {
    clearTimeout(pending);
    // form-js renders its messages just after it reports the change.
    pending = setTimeout(() => {
      groupAmounts(formElement);
      notify(hasErrorsOnScreen(formElement));
    }, 0);
  };
  controller.axhubWrapped = true;
  controller.notifyFormValidated();
}

/**
 * Read-only amounts in 억원 with thousands separators (5,510), as officials read money; years and counts stay as
 * they are. Only the display changes: form-js keeps and submits the number itself.
 */
function groupAmounts(formElement) {
  formElement.querySelectorAll('.fjs-form-field-number').forEach(field => {
    const input = field.querySelector('input.fjs-input');
    const label = field.querySelector('label');
    if (!input || !input.readOnly || !label || !label.textContent.includes('억원')) {
      return;
    }
    const digits = input.value.replace(/,/g, '');
    if (/^-?\d+$/.test(digits)) {
      input.value = Number(digits).toLocaleString('ko-KR');
    }
  });
}

function revalidate(node) {
  const formElement = formElementOf(node);
  const controller = formElement && controllerOf(formElement);
  if (controller && controller.axhubWrapped) {
    controller.notifyFormValidated();
  }
}

// ------------------------------------------------------------------------------------------------------ refusals

/** Refused fields of a server answer: its violations, or the fields its message names ('key' (label): why; …). */
export function refusedFields(body) {
  if (body && Array.isArray(body.violations)) {
    return body.violations.map(v => ({ field: v.field, message: v.message }));
  }
  const message = body && typeof body.message === 'string' ? body.message : '';
  const start = message.indexOf(' — ');
  if (start < 0) {
    return [];
  }
  const listed = message.substring(message.indexOf(': ', start) + 2);
  return listed.split(/; (?=')/).map(part => {
    const match = /^'([^']+)'(?: \((.*)\))?: ([\s\S]*)$/.exec(part);
    return match ? { field: match[1], message: match[3] } : null;
  }).filter(Boolean);
}

const schemas = new Map();

async function schemaOf(url) {
  if (!schemas.has(url)) {
    schemas.set(url, fetch(url, { credentials: 'same-origin' }).then(answer => answer.ok ? answer.json() : null)
      .catch(() => null));
  }
  return schemas.get(url);
}

function componentIds(schema, path = '') {
  const ids = new Map();
  (schema && schema.components || []).forEach(component => {
    if (component.key) {
      ids.set(path + component.key, component.id);
    }
    if (component.components) {
      const inner = component.type === 'dynamiclist' ? path + (component.path || component.key) + '.' : path;
      componentIds(component, inner).forEach((id, key) => ids.set(key, id));
    }
  });
  return ids;
}

function fieldForKey(root, ids, key) {
  const base = key.replace(/\[\d+\]/g, '');
  const id = ids.get(base) || ids.get(base.substring(base.lastIndexOf('.') + 1));
  if (!id) {
    return null;
  }
  const index = /\[(\d+)\]/.exec(key);
  const suffix = index ? '_' + index[1] : '';
  const input = root.querySelector(`[id$="-${id}${suffix}"], [id$="-${id}${suffix}-0"], [id$="-${id}${suffix}-date"],`
    + ` [id$="-${id}${suffix}-display"]`) || root.querySelector(`[id$="-${id}"], [id$="-${id}-0"], [id$="-${id}-date"]`);
  return input ? input.closest('.fjs-form-field') : null;
}

async function showRefusal(submitUrl, body) {
  const refused = refusedFields(body);
  const root = document.querySelector('.modal-content .fjs-form') || document.querySelector('.fjs-form');
  if (!refused.length || !root) {
    return;
  }
  const formUrl = submitUrl.replace(/\/submit-form(\?.*)?$/, /\/task\//.test(submitUrl)
    ? '/deployed-form' : '/deployed-start-form');
  const ids = componentIds(await schemaOf(formUrl));
  root.querySelectorAll('.axhub-server-error').forEach(box => box.remove());
  let first = null;
  refused.forEach(({ field, message }) => {
    const wrapper = fieldForKey(root, ids, field);
    if (!wrapper) {
      return;
    }
    const box = document.createElement('div');
    box.className = 'fjs-form-field-error axhub-server-error';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    wrapper.appendChild(box);
    first = first || wrapper;
  });
  if (first) {
    first.scrollIntoView({ block: 'center' });
  }
}

// Server messages stand until the official changes the form again.
document.addEventListener('input', event => {
  const field = event.target instanceof Element && event.target.closest('.fjs-form-field');
  if (field) {
    field.querySelectorAll('.axhub-server-error').forEach(box => box.remove());
    revalidate(field);
  }
}, true);

/** After a start, the official is told which programme now runs (Tasklist itself only closes the dialog). */
function confirmStart(responseText) {
  let started = null;
  try {
    started = JSON.parse(responseText);
  } catch (notJson) {
    return;
  }
  const notice = document.createElement('div');
  notice.className = 'axhub-started alert alert-success';
  notice.setAttribute('role', 'status');
  notice.textContent = (KOREAN ? '사업 절차가 시작되었습니다' : 'The programme has started')
    + (started && started.businessKey ? ': ' + started.businessKey : '')
    + (KOREAN ? ' (The programme has started)' : '');
  document.body.appendChild(notice);
  setTimeout(() => notice.remove(), 10000);
}

const SUBMIT = /\/(task|process-definition)\/[^/]+\/submit-form(\?.*)?$/;
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (typeof url === 'string' && SUBMIT.test(url)) {
    this.addEventListener('load', () => {
      if (this.status === 200 && /\/process-definition\//.test(url)) {
        confirmStart(this.responseText);
      } else if (this.status >= 400) {
        try {
          showRefusal(url, JSON.parse(this.responseText));
        } catch (notJson) {
          // A refusal without a body names no field; Tasklist's own notice shows it.
        }
      }
    });
  }
  return open.call(this, method, url, ...rest);
};

// ------------------------------------------------------------------------------------------------------ sorting

// Tasklist sorts a list by creation, newest first, unless the address says otherwise; officials work by due date.
// A link to one task or to a start form is left as it is.
function sortByDueDate() {
  const hash = location.hash;
  if (!hash.startsWith('#/') || hash.startsWith('#/login') || /[?&](sorting|task|processStart)=/.test(hash)) {
    return;
  }
  const sorting = encodeURIComponent(JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]));
  location.replace(hash + (hash.includes('?') ? '&' : '?') + 'sorting=' + sorting);
}

window.addEventListener('hashchange', sortByDueDate);
sortByDueDate();

// ------------------------------------------------------------------------------------------------------ controls

// Controls an official cannot use are not offered: creating a free-standing task needs the right to create tasks
// (administrators), starting a programme the right to start the pipeline (the regions' planners). Both are asked of
// the engine for the signed-in official, never guessed from names.
const ENGINE_API = `${APP_ROOT}/api/engine/engine/default`;
const RIGHTS = [
  { flag: 'axhub-may-create-tasks', query: 'permissionName=CREATE&resourceName=Task&resourceType=7' },
  { flag: 'axhub-may-start-programmes',
    query: 'permissionName=CREATE_INSTANCE&resourceName=ProcessDefinition&resourceType=6'
      + '&resourceId=ax-funding-pipeline' }
];
let rightsKnown = false;

async function offerOnlyUsableControls() {
  if (rightsKnown || location.hash.startsWith('#/login')) {
    return;
  }
  try {
    const answers = await Promise.all(RIGHTS.map(right => fetch(`${ENGINE_API}/authorization/check?${right.query}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(answer => answer.ok ? answer.json() : null)));
    if (answers.every(Boolean)) {
      RIGHTS.forEach((right, i) => document.documentElement.classList.toggle(right.flag, answers[i].authorized === true));
      rightsKnown = true;
    }
  } catch (offline) {
    // Asked again on the next page.
  }
}

window.addEventListener('hashchange', offerOnlyUsableControls);
offerOnlyUsableControls();

// A task's tenant is its region; Tasklist shows its id ("daegu") above the task's name. It is shown by its name, as
// the application's labels give it (the same words Cockpit's tabs use).
let regionNames = null;

async function loadRegionNames() {
  if (regionNames || location.hash.startsWith('#/login')) {
    return;
  }
  try {
    const answer = await fetch(`${APP_ROOT}/api/axhub/labels`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (answer.ok) {
      regionNames = (await answer.json()).regions;
      nameRegions(document.body);
    }
  } catch (offline) {
    // Asked again on the next page.
  }
}

function nameRegions(root) {
  if (!regionNames || !root.querySelectorAll) {
    return;
  }
  (root.matches && root.matches('.tenant-id') ? [root] : root.querySelectorAll('.tenant-id')).forEach(tenant => {
    // The text node itself is changed, not replaced: Tasklist keeps writing the next task's tenant into it.
    tenant.childNodes.forEach(text => {
      const region = text.nodeType === Node.TEXT_NODE && regionNames[text.nodeValue.trim()];
      if (region) {
        text.nodeValue = KOREAN ? `${region.ko} (${region.en})` : region.en;
      }
    });
  });
}

window.addEventListener('hashchange', loadRegionNames);
loadRegionNames();

/** The unclaim control is a bare ×: it says what it does. */
function nameUnclaim(root) {
  (root.matches('button.unclaim') ? [root] : root.querySelectorAll('button.unclaim')).forEach(button => {
    if (!button.querySelector('.axhub-label')) {
      const label = document.createElement('span');
      label.className = 'axhub-label';
      label.textContent = KOREAN ? ' 반납 (Unclaim)' : ' Unclaim';
      button.appendChild(label);
    }
  });
}

// ------------------------------------------------------------------------------------------------------ words

function translateText(node) {
  const text = node.nodeValue.trim();
  if (!text) {
    return;
  }
  if (WORDS[text]) {
    node.nodeValue = node.nodeValue.replace(text, WORDS[text]);
    return;
  }
  for (const [pattern, words] of PATTERNS) {
    if (pattern.test(text)) {
      node.nodeValue = node.nodeValue.replace(text, text.replace(pattern, words));
      return;
    }
  }
}

function translateCalendar(calendar) {
  calendar.querySelectorAll('.flatpickr-weekday').forEach(cell => {
    const index = ENGLISH_WEEKDAYS.indexOf(cell.textContent.trim());
    if (index >= 0) {
      cell.textContent = KOREAN_WEEKDAYS[index];
    }
  });
  calendar.querySelectorAll('.flatpickr-monthDropdown-month').forEach(option => {
    const index = ENGLISH_MONTHS.indexOf(option.textContent.trim());
    if (index >= 0) {
      option.textContent = KOREAN_MONTHS[index];
    }
  });
  calendar.querySelectorAll('.flatpickr-day[aria-label]').forEach(day => {
    const date = day.dateObj;
    if (date) {
      day.setAttribute('aria-label', new Intl.DateTimeFormat().format(date));
    }
  });
}

function translate(root) {
  nameUnclaim(root);
  nameRegions(root);
  if (!KOREAN) {
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    translateText(node);
  }
  root.querySelectorAll('input[placeholder]').forEach(input => {
    if (WORDS[input.placeholder]) {
      input.placeholder = WORDS[input.placeholder];
    }
  });
  root.querySelectorAll('[title]').forEach(element => {
    if (WORDS[element.title]) {
      element.title = WORDS[element.title];
    }
  });
  (root.matches && root.matches('.flatpickr-calendar') ? [root] : root.querySelectorAll('.flatpickr-calendar'))
    .forEach(translateCalendar);
}

new MutationObserver(changes => {
  changes.forEach(change => {
    change.addedNodes.forEach(node => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (KOREAN) {
          translateText(node);
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        translate(node);
        if (node.matches('.fjs-container, .fjs-form') || node.querySelector('.fjs-form')) {
          const formElement = formElementOf(node);
          if (formElement) {
            wrapController(formElement);
          }
        }
      }
    });
    if (change.type === 'characterData' && KOREAN) {
      translateText(change.target);
    }
    if (change.type === 'characterData' && change.target.parentElement
        && change.target.parentElement.matches('.tenant-id')) {
      nameRegions(change.target.parentElement);
    }
    if (change.type === 'childList' && change.target instanceof Element
        && change.target.closest('.flatpickr-calendar') && KOREAN) {
      translateCalendar(change.target.closest('.flatpickr-calendar'));
    }
  });
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

export default [];
