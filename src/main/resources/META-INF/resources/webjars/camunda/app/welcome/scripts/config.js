// Replaces the shipped config.js (empty in 7.24.0): Korean for browsers that ask for it, English otherwise (and for
// any label a future version adds before it is translated).
export default {
  locales: {
    availableLocales: ['ko', 'en'],
    fallbackLocale: 'en'
  }
};
