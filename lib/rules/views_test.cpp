// Views owned by a Rules value: built once per value, never shared between two values, dropped
// by copies, and safe to ask for from many threads.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "rules/rules.h"

namespace dondoc::rules {
namespace {

// A view that remembers which table it was built from.
struct FirstRow {
  explicit FirstRow(const Rules& r) : text(r.table("t").empty() ? "" : r.table("t")[0][0]) {}
  std::string text;
};

Rules with_table(const std::string& first) {
  Rules r;
  r.tables["t"] = {{first}};
  return r;
}

TEST(Views, BuiltOncePerRulesValue) {
  Rules r = with_table("a");
  int built = 0;
  auto build = [&](const Rules& x) {
    ++built;
    return FirstRow(x);
  };
  const FirstRow& v1 = r.view<FirstRow>(build);
  const FirstRow& v2 = r.view<FirstRow>(build);
  EXPECT_EQ(&v1, &v2);
  EXPECT_EQ(built, 1);
  EXPECT_EQ(v1.text, "a");
}

TEST(Views, TwoRuleSetsHaveTheirOwn) {
  Rules a = with_table("a");
  Rules b = with_table("b");
  const FirstRow& va = a.view<FirstRow>();
  const FirstRow& vb = b.view<FirstRow>();
  EXPECT_NE(&va, &vb);
  EXPECT_EQ(va.text, "a");
  EXPECT_EQ(vb.text, "b");
  {
    Rules c = with_table("c");
    EXPECT_EQ(c.view<FirstRow>().text, "c");
  }  // c's views die with c; a's stay valid
  EXPECT_EQ(va.text, "a");
  EXPECT_EQ(&a.view<FirstRow>(), &va);
}

TEST(Views, CopiesStartWithoutViews) {
  Rules a = with_table("a");
  EXPECT_EQ(a.view<FirstRow>().text, "a");
  Rules b = a;
  b.tables["t"] = {{"changed"}};
  EXPECT_EQ(b.view<FirstRow>().text, "changed");
  EXPECT_EQ(a.view<FirstRow>().text, "a");
}

TEST(Views, DifferentTypesAreDifferentViews) {
  struct Other {
    explicit Other(const Rules&) {}
    int n = 7;
  };
  Rules a = with_table("a");
  EXPECT_EQ(a.view<FirstRow>().text, "a");
  EXPECT_EQ(a.view<Other>().n, 7);
  EXPECT_EQ(a.view<FirstRow>().text, "a");
}

TEST(Views, ManyThreadsGetOneView) {
  Rules r = with_table("a");
  std::atomic<int> built{0};
  std::vector<const FirstRow*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] {
      seen[i] = &r.view<FirstRow>([&](const Rules& x) {
        ++built;
        return FirstRow(x);
      });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(built.load(), 1);
  for (const FirstRow* p : seen) EXPECT_EQ(p, seen[0]);
}

}  // namespace
}  // namespace dondoc::rules
