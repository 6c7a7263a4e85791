package kr.axhub.funding.browser;

/** The main path again in an American English browser: other date formats, the same values stored. */
class ProgrammeMainPathEnglishBrowserTest extends ProgrammeMainPathBrowserTest {

  @Override
  String locale() {
    return "en-US";
  }
}
