# End-to-end check of `dondoc calendar` output. Run by CTest: cmake -DDONDOC=<binary> -P this-file
if(NOT DONDOC)
  message(FATAL_ERROR "pass -DDONDOC=path/to/dondoc")
endif()

# check(<expected exit code> <expected stdout, exact> args...)
function(check want_rc want_out)
  execute_process(COMMAND ${DONDOC} calendar ${ARGN}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL want_rc)
    message(FATAL_ERROR "dondoc calendar ${ARGN}: exit ${rc}, want ${want_rc}\nstderr: ${err}")
  endif()
  if(NOT want_out STREQUAL "*" AND NOT out STREQUAL want_out)
    message(FATAL_ERROR "dondoc calendar ${ARGN}:\n got: [${out}]\nwant: [${want_out}]")
  endif()
  if(NOT rc EQUAL 0 AND err STREQUAL "")
    message(FATAL_ERROR "dondoc calendar ${ARGN}: failed without a message on stderr")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
endfunction()

check(0 "2026-04-26\n" --to-solar 2026-03-10)            # Giỗ Tổ Hùng Vương 2026
check(0 "2026-02-17\n" --to-solar 2026-1-1)              # Tết Bính Ngọ
check(0 "1985-01-21\n" --to-solar 1985-01-01)            # Vietnam, not China's 1985-02-20
check(0 "2025-07-25\n" --to-solar 2025-06-01 --leap)     # tháng 6 nhuận Ất Tỵ
check(0 "2026-01-01\n" --to-lunar 2026-02-17)
check(0 "2025-06-01 nhuận\n" --to-lunar 2025-07-25)
check(0 "2025-12-29\n" --to-lunar 2026-02-16)
check(1 "" --to-solar 2026-02-01 --leap)                  # 2026 has no leap month
check(1 "" --to-solar 2026-13-01)
check(2 "" --to-solar 26/03/2026)
check(2 "" --to-lunar 2026-02-30)
check(2 "" --to-lunar 2026-02-17 --to-solar 2026-01-01)
check(2 "" --leap)
check(2 "" --year 2026 --to-lunar 2026-02-17)

check(0 "*" --year 2026 --json)
string(FIND "${last_out}" "{\"date\": \"2026-02-17\", \"name\": \"Tết Nguyên đán\", \"working\": false}\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "--year 2026 --json lacks the Tết line:\n${last_out}")
endif()
string(FIND "${last_out}" "{\"date\": \"2026-01-10\", \"name\": \"Làm bù cho ngày 02/01/2026\", \"working\": true}\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "--year 2026 --json lacks the make-up Saturday:\n${last_out}")
endif()
check(0 "*" --as-of 2026-05-01)
string(FIND "${last_out}" "27/04/2026  thứ Hai" at)
if(at EQUAL -1)
  message(FATAL_ERROR "text table lacks the nghỉ bù Giỗ Tổ row:\n${last_out}")
endif()
