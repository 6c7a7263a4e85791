// Replaces Cockpit's shipped config.js (which is empty in 7.24.0): Korean for browsers that ask for it, English
// otherwise, and the managers' stage views of the AX Hub Funding Pipeline.
export default {
  locales: {
    availableLocales: ['ko', 'en'],
    fallbackLocale: 'en'
  },
  customScripts: ['scripts/axhub/reporting-plugins']
};
