package kr.axhub.funding.browser;

/** The side forms and refusals again in an American English browser. */
class SideFormsEnglishBrowserTest extends SideFormsBrowserTest {

  @Override
  String locale() {
    return "en-US";
  }
}
