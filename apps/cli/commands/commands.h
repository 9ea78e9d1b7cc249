#pragma once
// One function per command; each lives in commands/<name>.cpp.
namespace dondoc::cli {
int cmd_extract(int argc, char** argv);
int cmd_restore(int argc, char** argv);
int cmd_ingest(int argc, char** argv);
int cmd_docs(int argc, char** argv);
int cmd_show(int argc, char** argv);
int cmd_search(int argc, char** argv);
int cmd_tasks(int argc, char** argv);
int cmd_task(int argc, char** argv);
int cmd_remind(int argc, char** argv);
int cmd_report(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_import(int argc, char** argv);
int cmd_calendar(int argc, char** argv);
int cmd_serve(int argc, char** argv);
int cmd_user(int argc, char** argv);
int cmd_quality(int argc, char** argv);
int cmd_export_gold(int argc, char** argv);
}  // namespace dondoc::cli
