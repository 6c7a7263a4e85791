// Replaces Tasklist's shipped config.js: its keyboard shortcuts are kept as shipped; Korean for browsers that ask
// for it, English otherwise; axhub/forms sets right how forms read dates, enable Complete and show refusals.
export default {
  locales: {
    availableLocales: ['ko', 'en'],
    fallbackLocale: 'en'
  },
  customScripts: ['scripts/axhub/forms'],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
