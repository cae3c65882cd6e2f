# dyad's default dictionaries, embedded in the library.
#
# Two steps, both run at build time by `cmake -P` (no Python):
#   1. countries: ${CMAKE_BINARY_DIR}/gen/iso3166.actors.txt, a PETRARCH2
#      actor file generated from Debian's iso-codes package
#      (iso_3166-1.json: every country and territory with its alpha-3 code
#      and its name, common_name and official_name; iso_3166-3.json: a few
#      former states still named in news and history).
#   2. embedding: ${CMAKE_BINARY_DIR}/gen/dict_defaults.{c,h}, the bytes of
#      the generated file and of every dict/*.txt, in load order, read by
#      src/dict/defaults.c.
# Editing a dict/ file or upgrading iso-codes re-runs the step at the next build.
#
# Script mode:
#   cmake -DDD_STEP=countries -DDD_ISO=<dir of iso json> -DDD_ISO_VERSION=x -DDD_OUT=f -P gen-defaults.cmake
#   cmake -DDD_STEP=embed -DDD_FILES="a|b" -DDD_OUT_C=f.c -DDD_OUT_H=f.h -P gen-defaults.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.20)
endif()

# ---------------------------------------------------------------- helpers

# One iso-codes name -> the phrase a news writer would use, in PETRARCH2 form
# (words joined by '_', case kept: the loader folds), or "" when nothing
# usable remains.
#   "Korea, Republic of"                    -> Republic_of_Korea
#   "Congo, The Democratic Republic of the" -> Democratic_Republic_of_the_Congo
#   "Virgin Islands, British"               -> British_Virgin_Islands
#   "Taiwan, Province of China"             -> Taiwan (the rest is not a name)
#   "Falkland Islands (Malvinas)"           -> Falkland_Islands
#   "Lao People's Democratic Republic"      -> Lao_People_'s_Democratic_Republic
#     (the tokeniser splits the possessive 's off, as Penn does)
function(dd_phrase name out)
  set(n "${name}")
  string(REGEX REPLACE " *\\([^)]*\\)" "" n "${n}")
  if(n MATCHES "^([^,]+), (.+)$")
    set(head "${CMAKE_MATCH_1}")
    set(tail "${CMAKE_MATCH_2}")
    if(tail MATCHES " of( the)?$" OR NOT tail MATCHES " ")
      set(n "${tail} ${head}")
    else()
      set(n "${head}")
    endif()
  endif()
  string(REGEX REPLACE "^[Tt]he " "" n "${n}")
  string(REGEX REPLACE "'s( |$)" " 's\\1" n "${n}")
  string(REGEX REPLACE "[,;#]" "" n "${n}")
  string(STRIP "${n}" n)
  string(REGEX REPLACE " +" "_" n "${n}")
  set(${out} "${n}" PARENT_SCOPE)
endfunction()

# Append one actor record (primary phrase, '+' synonyms, code) to var `acc`.
function(dd_record acc code comment)
  set(names ${ARGN})
  set(seen "")
  set(rec "")
  foreach(nm IN LISTS names)
    if(nm STREQUAL "")
      continue()
    endif()
    dd_phrase("${nm}" ph)
    if(ph STREQUAL "" OR ph IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${ph}")
    if(rec STREQUAL "")
      string(APPEND rec "${ph} [${code}]  # ${comment}\n")
    else()
      string(APPEND rec "+${ph}\n")
    endif()
  endforeach()
  if(NOT rec STREQUAL "")
    set(${acc} "${${acc}}${rec}\n" PARENT_SCOPE)
  endif()
endfunction()

function(dd_json_opt out json key)
  string(JSON v ERROR_VARIABLE e GET "${json}" ${key})
  if(e)
    set(v "")
  endif()
  set(${out} "${v}" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------- step 1
function(dd_countries iso_dir iso_version out)
  file(READ "${iso_dir}/iso_3166-1.json" j1)
  file(READ "${iso_dir}/iso_3166-3.json" j3)
  set(text "# iso3166.actors.txt: GENERATED at build time by cmake/gen-defaults.cmake\n")
  string(APPEND text "# from iso-codes ${iso_version} (${iso_dir}). Do not edit: add names people\n")
  string(APPEND text "# actually write (short names, demonyms, capitals) to dict/names.actors.txt.\n")
  string(APPEND text "# One record per ISO 3166-1 entry: name, common_name, official_name.\n\n")
  string(JSON n LENGTH "${j1}" "3166-1")
  math(EXPR last "${n} - 1")
  set(count 0)
  foreach(i RANGE ${last})
    string(JSON e GET "${j1}" "3166-1" ${i})
    string(JSON a3 GET "${e}" alpha_3)
    dd_json_opt(nm "${e}" name)
    dd_json_opt(cn "${e}" common_name)
    dd_json_opt(on "${e}" official_name)
    if(NOT a3 MATCHES "^[A-Z][A-Z][A-Z]$")
      message(FATAL_ERROR "${iso_dir}/iso_3166-1.json: entry ${i}: bad alpha_3 '${a3}'")
    endif()
    # The common name first: it is what news text says.
    dd_record(text "${a3}" "ISO 3166-1 ${a3}" "${cn}" "${nm}" "${on}")
    math(EXPR count "${count} + 1")
  endforeach()
  # Former states that news and history still name. Only these: others in
  # iso_3166-3 reuse names of living states ("Burma", "East Timor").
  set(former SUN YUG CSK DDR ZAR SCG ANT)
  string(APPEND text "# Former states (ISO 3166-3), by their first name only.\n\n")
  string(JSON n LENGTH "${j3}" "3166-3")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON e GET "${j3}" "3166-3" ${i})
    string(JSON a3 GET "${e}" alpha_3)
    if(NOT a3 IN_LIST former)
      continue()
    endif()
    dd_json_opt(nm "${e}" name)
    dd_json_opt(wd "${e}" withdrawal_date)
    string(REGEX REPLACE ",.*" "" nm "${nm}")
    dd_record(text "${a3}" "ISO 3166-3 ${a3}, withdrawn ${wd}" "${nm}")
    math(EXPR count "${count} + 1")
  endforeach()
  file(WRITE "${out}.tmp" "${text}")
  file(COPY_FILE "${out}.tmp" "${out}" ONLY_IF_DIFFERENT)
  file(REMOVE "${out}.tmp")
endfunction()

# ---------------------------------------------------------------- step 2
function(dd_embed files out_c out_h)
  set(h "/* GENERATED by cmake/gen-defaults.cmake: dyad's embedded default dictionaries. */\n")
  string(APPEND h "#ifndef DY_DICT_DEFAULTS_GEN_H\n#define DY_DICT_DEFAULTS_GEN_H\n#include <stddef.h>\n\n")
  string(APPEND h "typedef struct dy_default_file {\n    const char *name;   /* \"dict/dyad.verbs.txt\", \"gen/iso3166.actors.txt\": static, for errors */\n")
  string(APPEND h "    const char *data;   /* its bytes (not NUL-terminated text: use len) */\n    size_t len;\n} dy_default_file;\n\n")
  string(APPEND h "extern const dy_default_file dy_default_files[];\nextern const size_t dy_default_nfiles;\n\n#endif\n")
  set(c "/* GENERATED by cmake/gen-defaults.cmake from dict/ and iso-codes. Do not edit. */\n")
  string(APPEND c "#include \"dict_defaults.h\"\n\n")
  set(table "")
  set(i 0)
  foreach(f IN LISTS files)
    get_filename_component(base "${f}" NAME)
    # The name errors are reported under: where the file lives, relative to
    # the source tree (dict/) or the build tree (gen/, the generated file).
    get_filename_component(dir "${f}" DIRECTORY)
    get_filename_component(dir "${dir}" NAME)
    file(SIZE "${f}" sz)
    if(sz EQUAL 0)
      message(FATAL_ERROR "${f}: empty dictionary file")
    endif()
    file(READ "${f}" hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
    # Sixteen bytes a line, so the source stays readable by compilers and editors.
    string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen)
    string(REGEX REPLACE "(${sixteen})" "\\1\n" hex "${hex}")
    string(APPEND c "/* ${base} */\nstatic const unsigned char dd_${i}[${sz}] = {\n${hex}};\n\n")
    string(APPEND table "    {\"${dir}/${base}\", (const char *)dd_${i}, ${sz}},\n")
    math(EXPR i "${i} + 1")
  endforeach()
  string(APPEND c "const dy_default_file dy_default_files[] = {\n${table}};\n")
  string(APPEND c "const size_t dy_default_nfiles = ${i};\n")
  foreach(pair "${out_c}|${c}" "${out_h}|${h}")
    string(FIND "${pair}" "|" bar)
    string(SUBSTRING "${pair}" 0 ${bar} path)
    math(EXPR bar "${bar} + 1")
    string(SUBSTRING "${pair}" ${bar} -1 body)
    file(WRITE "${path}.tmp" "${body}")
    file(COPY_FILE "${path}.tmp" "${path}" ONLY_IF_DIFFERENT)
    file(REMOVE "${path}.tmp")
  endforeach()
endfunction()

# ---------------------------------------------------------------- entry
if(CMAKE_SCRIPT_MODE_FILE)
  if(DD_STEP STREQUAL "countries")
    dd_countries("${DD_ISO}" "${DD_ISO_VERSION}" "${DD_OUT}")
  elseif(DD_STEP STREQUAL "embed")
    string(REPLACE "|" ";" _dd_list "${DD_FILES}")
    dd_embed("${_dd_list}" "${DD_OUT_C}" "${DD_OUT_H}")
  else()
    message(FATAL_ERROR "gen-defaults.cmake: DD_STEP must be 'countries' or 'embed'")
  endif()
  return()
endif()

pkg_check_modules(ISOCODES REQUIRED iso-codes)
pkg_get_variable(_dd_iso_prefix iso-codes prefix)
set(_dd_iso "${_dd_iso_prefix}/share/iso-codes/json")
foreach(_f iso_3166-1.json iso_3166-3.json)
  if(NOT EXISTS "${_dd_iso}/${_f}")
    message(FATAL_ERROR "iso-codes: ${_dd_iso}/${_f} not found (scripts/install-deps installs iso-codes)")
  endif()
endforeach()

set(_dd_gen "${CMAKE_BINARY_DIR}/gen")
file(MAKE_DIRECTORY "${_dd_gen}")
set(_dd_countries "${_dd_gen}/iso3166.actors.txt")
add_custom_command(
  OUTPUT "${_dd_countries}"
  COMMAND ${CMAKE_COMMAND} -DDD_STEP=countries "-DDD_ISO=${_dd_iso}"
          "-DDD_ISO_VERSION=${ISOCODES_VERSION}" "-DDD_OUT=${_dd_countries}"
          -P "${CMAKE_CURRENT_LIST_FILE}"
  DEPENDS "${_dd_iso}/iso_3166-1.json" "${_dd_iso}/iso_3166-3.json" "${CMAKE_CURRENT_LIST_FILE}"
  COMMENT "Generating country actors from iso-codes ${ISOCODES_VERSION}"
  VERBATIM)

# Load order: countries, then the hand-written actors, agents, verbs, discards,
# issues (each group in name order), so later files refine earlier ones.
set(_dd_files "${_dd_countries}")
foreach(_kind actors agents verbs discards issues)
  file(GLOB _dd_k CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/dict/*.${_kind}.txt")
  list(SORT _dd_k)
  list(APPEND _dd_files ${_dd_k})
endforeach()
file(GLOB _dd_all CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/dict/*")
foreach(_f IN LISTS _dd_all)
  if(NOT _f IN_LIST _dd_files AND NOT _f MATCHES "/README[^/]*$")
    message(FATAL_ERROR "${_f}: dict/ files must be named *.{actors,agents,verbs,discards,issues}.txt")
  endif()
endforeach()

# "|" separates the files on the command line (a ";" would split the argument).
string(REPLACE ";" "|" _dd_files_arg "${_dd_files}")
add_custom_command(
  OUTPUT "${_dd_gen}/dict_defaults.c" "${_dd_gen}/dict_defaults.h"
  COMMAND ${CMAKE_COMMAND} -DDD_STEP=embed "-DDD_FILES=${_dd_files_arg}"
          "-DDD_OUT_C=${_dd_gen}/dict_defaults.c" "-DDD_OUT_H=${_dd_gen}/dict_defaults.h"
          -P "${CMAKE_CURRENT_LIST_FILE}"
  DEPENDS ${_dd_files} "${CMAKE_CURRENT_LIST_FILE}"
  COMMENT "Embedding default dictionaries"
  VERBATIM)
list(APPEND DYAD_GENERATED "${_dd_gen}/dict_defaults.c" "${_dd_gen}/dict_defaults.h")
set(DYAD_DEFAULT_DICT_FILES ${_dd_files})
