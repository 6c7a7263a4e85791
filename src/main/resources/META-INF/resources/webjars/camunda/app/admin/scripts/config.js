// Replaces the shipped config.js (empty in 7.24.0): Korean for browsers that ask for it, English otherwise. Only
// the maintenance notice is translated here; every other label falls back to English.
export default {
  locales: {
    availableLocales: ['ko', 'en'],
    fallbackLocale: 'en'
  }
};
