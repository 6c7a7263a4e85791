package kr.axhub.funding.browser;

/**
 * The Daegu programme's main path again in an American English browser: every form of the path opened, dates typed
 * as officials write them, filled and completed with one click, and the engine's stored values checked. The first
 * submit of an empty form is tried in the Korean walk and in {@link SideFormsEnglishBrowserTest}.
 */
class ProgrammeMainPathEnglishBrowserTest extends ProgrammeMainPathBrowserTest {

  @Override
  String locale() {
    return "en-US";
  }

  @Override
  boolean triesEmptyFormFirst() {
    return false;
  }

  /**
   * Not a test here (no {@code @Test}): the twin is about the officials' forms. Cockpit is driven in the managers'
   * language, Korean (here, in {@code ManagerInKoreanBrowserTest} and in {@code CockpitPluginBrowserTest}).
   */
  @Override
  void managerFindsTheProgrammeInCockpitByItsCodeAndSeesTheStageItWaitsIn() {
  }
}
