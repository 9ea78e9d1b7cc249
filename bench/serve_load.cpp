// Load on `dondoc serve`, the path a browser takes: N clients, each signed in with its own
// session, for S seconds, mixing task lists, searches, document pages and task updates (a note,
// which must all be there afterwards). With two --url, every client alternates between the two
// servers with the same session. Prints one JSON object: per kind of request the count,
// p50/p95/p99 latency in ms and errors, the updates made and how many were found afterwards.
//
//   serve_load --url http://127.0.0.1:8080 [--url http://127.0.0.1:8081] --user U --password P
//              [--clients 50] [--seconds 60] [--docs 10000] [--tasks 30000] [--think-ms 0]
// --think-ms: a pause between a client's requests, uniform in [0, 2 x ms] (0: none, every
// client keeps one request in flight all the time, the heaviest load).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

struct Kind {
  const char* name;
  int weight;
};
const Kind kKinds[] = {{"tasks", 30}, {"search", 25}, {"document", 30}, {"update", 15}};

const char* kWords[] = {"chuyen doi so", "ke hoach", "bao cao", "tai chinh", "to chuc bo may", "quan triet",
                        "kiem tra giam sat", "khen thuong", "kinh phi", "tuyen truyen", "noi vu", "dang uy"};
// Unit ids of the directory, as the web UI sends them; "" is the whole list (a leader's view).
const char* kUnits[] = {"stc", "snv", "syt", "sgddt", "cat", "vptu", "btctu", "btgtu", "sxd", ""};

struct Sample {
  int kind;
  double ms;
  bool ok;
};

struct Client {
  std::vector<std::unique_ptr<httplib::Client>> servers;
  std::string cookie, csrf;
};

// The query words and unit names are ASCII: spaces are all that needs encoding.
std::string encode(const std::string& s) {
  std::string out;
  for (char c : s) out += c == ' ' ? std::string("%20") : std::string(1, c);
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

bool login(Client& c, const std::string& user, const std::string& password) {
  json body{{"username", user}, {"password", password}};
  auto r = c.servers[0]->Post("/api/login", body.dump(), "application/json");
  if (!r || r->status != 200) {
    std::fprintf(stderr, "serve_load: sign-in: %s\n", r ? (std::to_string(r->status) + " " + r->body).c_str()
                                                        : httplib::to_string(r.error()).c_str());
    return false;
  }
  auto set = r->get_header_value("Set-Cookie");
  c.cookie = set.substr(0, set.find(';'));
  c.csrf = json::parse(r->body)["csrf_token"];
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> urls;
  std::string user, password;
  int clients = 50, seconds = 60, think_ms = 0;
  int64_t docs = 10000, tasks = 30000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--url") urls.push_back(v);
    else if (k == "--user") user = v;
    else if (k == "--password") password = v;
    else if (k == "--clients") clients = std::stoi(v);
    else if (k == "--seconds") seconds = std::stoi(v);
    else if (k == "--docs") docs = std::stoll(v);
    else if (k == "--tasks") tasks = std::stoll(v);
    else if (k == "--think-ms") think_ms = std::stoi(v);
  }
  if (urls.empty() || user.empty()) {
    std::fprintf(stderr, "usage: serve_load --url URL [--url URL2] --user U --password P [--clients N] [--seconds S]\n");
    return 2;
  }
  std::vector<Client> cs(static_cast<size_t>(clients));
  for (size_t i = 0; i < cs.size(); ++i) {
    // Client i signs in on server i % n and then alternates between all of them.
    for (size_t k = 0; k < urls.size(); ++k) {
      auto cl = std::make_unique<httplib::Client>(urls[(i + k) % urls.size()]);
      cl->set_keep_alive(true);
      cl->set_tcp_nodelay(true);
      cl->set_read_timeout(60, 0);
      cs[i].servers.push_back(std::move(cl));
    }
  }
  // Sign-ins (Argon2id) are not part of what is measured.
  std::vector<std::thread> threads;
  std::atomic<int> failed_logins{0};
  for (auto& c : cs)
    threads.emplace_back([&] {
      if (!login(c, user, password)) ++failed_logins;
    });
  for (auto& t : threads) t.join();
  threads.clear();
  if (failed_logins) {
    std::fprintf(stderr, "serve_load: %d clients could not sign in\n", failed_logins.load());
    return 1;
  }
  std::mutex mu;
  std::vector<Sample> samples;
  std::vector<std::pair<int64_t, std::string>> notes;  // updates made, checked afterwards
  auto end = Clock::now() + std::chrono::seconds(seconds);
  int total_weight = 0;
  for (const auto& k : kKinds) total_weight += k.weight;
  for (size_t ci = 0; ci < cs.size(); ++ci) {
    threads.emplace_back([&, ci] {
      Client& c = cs[ci];
      std::mt19937_64 rng(ci * 7919 + 1);
      std::vector<Sample> mine;
      std::vector<std::pair<int64_t, std::string>> my_notes;
      httplib::Headers headers{{"Cookie", c.cookie}, {"X-CSRF-Token", c.csrf}};
      for (int n = 0; Clock::now() < end; ++n) {
        if (think_ms > 0 && n > 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(rng() % static_cast<uint64_t>(2 * think_ms + 1)));
        int pick = static_cast<int>(rng() % static_cast<uint64_t>(total_weight)), kind = 0;
        while (pick >= kKinds[kind].weight) pick -= kKinds[kind++].weight;
        httplib::Client& srv = *c.servers[static_cast<size_t>(n) % c.servers.size()];
        auto t0 = Clock::now();
        httplib::Result r{nullptr, httplib::Error::Unknown};
        std::string note;
        int64_t task_id = 0;
        switch (kind) {
          case 0: {
            std::string unit = kUnits[rng() % std::size(kUnits)];
            std::string q = rng() % 2 ? "/api/tasks?overdue=1&limit=100&unit=" : "/api/tasks?status=open&limit=100&unit=";
            r = srv.Get((q + encode(unit)).c_str(), headers);
            break;
          }
          case 1:
            r = srv.Get(("/api/search?limit=20&q=" + encode(kWords[rng() % std::size(kWords)])).c_str(),
                        headers);
            break;
          case 2:
            r = srv.Get(("/api/documents/" + std::to_string(1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(docs)))).c_str(),
                        headers);
            break;
          case 3:
            task_id = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(tasks));
            note = "tai " + std::to_string(ci) + "-" + std::to_string(n);
            r = srv.Patch(("/api/tasks/" + std::to_string(task_id)).c_str(), headers, json{{"note", note}}.dump(),
                          "application/json");
            break;
        }
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        bool ok = r && r->status == 200;
        // A task id past the last one is a 404 by design, not an error of the server.
        if (kind == 3 && r && r->status == 404) continue;
        if (kind == 2 && r && r->status == 404) continue;
        if (kind == 3 && ok) my_notes.emplace_back(task_id, note);
        if (!ok && mine.size() < 3)
          std::fprintf(stderr, "serve_load: %s -> %d %s\n", kKinds[kind].name, r ? r->status : -1,
                       r ? r->body.substr(0, 200).c_str() : httplib::to_string(r.error()).c_str());
        mine.push_back(Sample{kind, ms, ok});
      }
      std::lock_guard<std::mutex> lock(mu);
      samples.insert(samples.end(), mine.begin(), mine.end());
      notes.insert(notes.end(), my_notes.begin(), my_notes.end());
    });
  }
  for (auto& t : threads) t.join();
  // Every update must be there, read back through the first server.
  int found = 0;
  {
    Client& c = cs[0];
    httplib::Client check(urls[0]);
    httplib::Headers headers{{"Cookie", c.cookie}};
    std::map<int64_t, std::vector<std::string>> by_task;
    for (const auto& [id, note] : notes) by_task[id].push_back(note);
    for (const auto& [id, wanted] : by_task) {
      auto r = check.Get(("/api/tasks/" + std::to_string(id)).c_str(), headers);
      if (!r || r->status != 200) continue;
      auto j = json::parse(r->body, nullptr, false);
      std::set<std::string> have;
      for (const auto& e : j["history"])
        if (e["kind"] == "note" && e["new"].is_string()) have.insert(e["new"].get<std::string>());
      for (const auto& n : wanted) found += have.count(n) ? 1 : 0;
    }
  }
  json out;
  std::vector<double> all;
  int errors = 0;
  for (int k = 0; k < static_cast<int>(std::size(kKinds)); ++k) {
    std::vector<double> v;
    int err = 0;
    for (const auto& s : samples)
      if (s.kind == k) v.push_back(s.ms), err += s.ok ? 0 : 1;
    all.insert(all.end(), v.begin(), v.end());
    errors += err;
    out["kinds"][kKinds[k].name] = {{"requests", v.size()}, {"p50_ms", percentile(v, 0.5)}, {"p95_ms", percentile(v, 0.95)},
                                    {"p99_ms", percentile(v, 0.99)}, {"errors", err}};
  }
  out["requests"] = all.size();
  out["requests_per_second"] = static_cast<double>(all.size()) / seconds;
  out["p50_ms"] = percentile(all, 0.5);
  out["p95_ms"] = percentile(all, 0.95);
  out["p99_ms"] = percentile(all, 0.99);
  out["errors"] = errors;
  out["updates"] = notes.size();
  out["updates_found"] = found;
  out["clients"] = clients;
  out["seconds"] = seconds;
  out["servers"] = urls.size();
  out["think_ms"] = think_ms;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
