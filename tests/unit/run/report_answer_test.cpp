// The report as its reader sees it (issue 17, "What it must show"): a summary section first that
// answers the focus organisation's three questions with numbers, no scientific notation and no
// snake_case in the visible text, every organisation of the lead level drawn as a filled area
// with data-code, a fan chart, and no script or network resource.
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "holders/budget_basis.hpp"
#include "report/run_report.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/stored_run.hpp"
#include "synth/synthetic_economy.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class ReportAnswer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("pco_answer_" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    const SyntheticOptions options{2, 120};
    write_synthetic_economy(generate_synthetic_economy(options), options, *dir_ / "in");
    std::ofstream(*dir_ / "in" / "answer.toml") << R"(schema_version = 1
name = "answer"
seed = 5
[population]
files = ["practices.csv"]
locations = "locations.csv"
[configuration]
map = "organisations.csv"
level = "organisation"
[report]
focus = "SO001"
boundaries = "land.geojson"
[formula]
quantum_pence = QUANTUM
[appraisal]
draws = 20
[[appraisal.alternative]]
name = "one per region"
level = "region"
[[appraisal.alternative]]
name = "merge SO001 and SO002"
[[appraisal.alternative.merge]]
codes = ["SO001", "SO002"]
code = "SO001+2"
name = "merged"
[simulation]
years = 3
replications = 200
shock_cv = 0.02
)";
    auto text = std::string(
        std::istreambuf_iterator<char>(std::ifstream(*dir_ / "in" / "answer.toml").rdbuf()), {});
    // The quantum: the service model's national expected cost, so that budgets and model
    // describe the same money.
    {
      const auto economy = load_economy(load_scenario(*dir_ / "in" / "scenario.toml"));
      double expected = 0;
      for (const auto& s : default_service_model().services)
        expected += national_expected_cost(economy, s, {});
      const auto at = text.find("QUANTUM");
      text.replace(at, 7, std::to_string(std::llround(expected * 100)));
      std::ofstream(*dir_ / "in" / "answer.toml") << text;
    }
    const auto scenario = load_scenario(*dir_ / "in" / "answer.toml");
    const ProgressFn quiet = [](int, int, std::string_view) {};
    const auto results = compute_run(scenario, quiet);
    write_run(scenario, results, *dir_ / "out", "2026-01-01T00:00:00Z", quiet);
    std::ifstream in(*dir_ / "out" / "report.html");
    html_ = new std::string(std::istreambuf_iterator<char>(in), {});
    codes_ = new std::vector<std::string>();
    for (const auto& o : results.economy.configuration.level("organisation").organisations)
      codes_->push_back(o.code);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete html_;
    delete codes_;
  }

  // The text a reader sees: no styles, no tags, entities decoded. Scenario keys to type are
  // set as <code> and may keep their spelling.
  static std::string visible(std::string html) {
    html = std::regex_replace(html, std::regex("<style[^]*?</style>"), " ");
    html = std::regex_replace(html, std::regex("<code>[^<]*</code>"), " ");
    html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
    for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
      for (auto at = html.find(entity); at != std::string::npos; at = html.find(entity, at))
        html.replace(at, entity.size(), text);
    return html;
  }

  static std::filesystem::path* dir_;
  static std::string* html_;
  static std::vector<std::string>* codes_;
};

std::filesystem::path* ReportAnswer::dir_ = nullptr;
std::string* ReportAnswer::html_ = nullptr;
std::vector<std::string>* ReportAnswer::codes_ = nullptr;

TEST_F(ReportAnswer, TheSummaryComesFirstAndAnswersTheThreeQuestionsWithNumbers) {
  const auto& html = *html_;
  const auto summary = html.find("<section id=\"summary\">");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, html.find("<nav"));
  EXPECT_LT(summary, html.find("<details"));
  EXPECT_EQ(html.find("<section"), summary);  // nothing before it
  const auto end = html.find("</section>", summary);
  const auto text = visible(html.substr(summary, end - summary));
  EXPECT_NE(text.find("SO001"), std::string::npos);
  for (const auto* question : {"(a) What is our fair share", "(b) How likely are we to overspend",
                               "(c) Should we merge, federate"})
    EXPECT_NE(text.find(question), std::string::npos) << question;
  // Money, probabilities with their uncertainty, and the best alternative's own NPV.
  EXPECT_TRUE(std::regex_search(text, std::regex("£[0-9.,]+(k|m|bn)?\\s+allocation")));
  EXPECT_TRUE(std::regex_search(text, std::regex("chance of overspending by 5% or more")));
  EXPECT_TRUE(std::regex_search(text, std::regex("reserve of £[0-9.,]+(k|m|bn)?")));
  EXPECT_TRUE(std::regex_search(text, std::regex("[0-9.]+% ± [0-9.]+")));
  EXPECT_TRUE(std::regex_search(text, std::regex("5th–95th percentile")));
  EXPECT_TRUE(std::regex_search(text, std::regex("chance it pays back within 10 years")));
  // Each answer links to its detail, and the detail exists.
  for (const auto* id : {"allocation", "risk", "appraisal-focus"}) {
    EXPECT_NE(html.find(std::string("href=\"#") + id + "\"", summary), std::string::npos) << id;
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
}

TEST_F(ReportAnswer, NoScientificNotationAndNoSnakeCaseInVisibleText) {
  const auto text = visible(*html_);
  std::smatch m;
  EXPECT_FALSE(std::regex_search(text, m, std::regex("\\b[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+\\b")))
      << m.str();
  EXPECT_FALSE(std::regex_search(text, m, std::regex("\\b[A-Za-z0-9]*[a-z]_[a-z0-9_]+\\b")))
      << m.str();
  // Tooltips are visible text too.
  std::string titles;
  const std::regex title("<title>([^<]*)</title>");
  for (auto it = std::sregex_iterator(html_->begin(), html_->end(), title);
       it != std::sregex_iterator(); ++it)
    titles += (*it)[1].str() + "\n";
  EXPECT_FALSE(std::regex_search(titles, m, std::regex("\\b[a-z]+_[a-z0-9_]+\\b"))) << m.str();
  EXPECT_FALSE(std::regex_search(titles, m, std::regex("[0-9][eE][+-]?[0-9]"))) << m.str();
}

TEST_F(ReportAnswer, EveryOrganisationIsAFilledAreaWithItsCodeAndThereIsAFanChart) {
  ASSERT_FALSE(codes_->empty());
  for (const auto& code : *codes_) {
    const auto at = html_->find("<path data-code=\"" + code + "\"");
    ASSERT_NE(at, std::string::npos) << code;
    const auto path = html_->substr(at, html_->find('>', at) - at);
    EXPECT_NE(path.find(" d=\"M"), std::string::npos) << code;
    EXPECT_EQ(path.find("fill=\"none\""), std::string::npos) << code;
  }
  EXPECT_NE(html_->find("class=\"legend\""), std::string::npos);
  EXPECT_NE(html_->find("class=\"fan-chart\""), std::string::npos);
  EXPECT_NE(html_->find("25th–75th percentile"), std::string::npos);
  EXPECT_EQ(html_->find("<script"), std::string::npos);
  EXPECT_EQ(html_->find("src=\"http"), std::string::npos);
  EXPECT_EQ(html_->find("<link"), std::string::npos);
}

TEST_F(ReportAnswer, WithoutAFocusTheSummaryIsNationalAndABadFocusIsAUsageError) {
  SqliteDb db(*dir_ / "out" / "results.db");
  const auto run = read_run(db, 1);
  // Without [report] focus: the economy's answers and the league tables.
  auto unfocused = run;
  unfocused.info.focus.clear();
  const auto at = unfocused.scenario_text.find("focus = \"SO001\"");
  ASSERT_NE(at, std::string::npos);
  unfocused.scenario_text.erase(at, 15);
  const auto national = render_run_report(unfocused);
  EXPECT_NE(national.find("Summary: "), std::string::npos);
  EXPECT_NE(national.find("(a) Fair shares"), std::string::npos);
  EXPECT_NE(national.find("Most at risk"), std::string::npos);
  // This scenario has no pace of change: every allocation is its target, and the page says so
  // instead of listing five organisations "furthest" at 0.0%.
  EXPECT_EQ(national.find("Furthest from target"), std::string::npos);
  EXPECT_NE(national.find("none is listed as furthest from target"), std::string::npos);
  // Another level has no focus of its own: the scenario's is for the lead level.
  EXPECT_NE(render_run_report(run, "region").find("Summary: "), std::string::npos);
  // The focus the run was made with is stored with it (here the scenario's): `pco report` and
  // the dashboard open on it even when the scenario text has none.
  EXPECT_EQ(run.info.focus, "SO001");
  auto stored_only = unfocused;
  stored_only.info.focus = "SO001";
  EXPECT_NE(render_run_report(stored_only).find("SO001 Ashbury PCO: the answers"),
            std::string::npos);
  // Another organisation as focus.
  const auto other = render_run_report(run, "", codes_->back());
  EXPECT_NE(other.find(codes_->back() + " "), std::string::npos);
  EXPECT_THROW(render_run_report(run, "", "NOPE"), UsageError);
}

}  // namespace
}  // namespace pco
