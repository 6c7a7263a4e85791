// Replaces Cockpit's shipped config.js (which is empty in 7.24.0): Korean for browsers that ask for it, English
// otherwise, the managers' stage views of the AX Hub Funding Pipeline, and controls shown only to users who may use
// them.
export default {
  locales: {
    availableLocales: ['ko', 'en'],
    fallbackLocale: 'en'
  },
  customScripts: ['scripts/axhub/reporting-plugins', 'scripts/axhub/forecast-plugins', 'scripts/axhub/manager-view']
};
