# Compile data/codebook/cameo.tsv (dyad's CAMEO codebook) into
# ${CMAKE_BINARY_DIR}/gen/codebook_table.c: the rows as dyad_code_info records
# in code order, with their integer search keys (src/codebook/codebook.h).
#
# The table is validated strictly, and any fault stops the configure step with
# file:line: a malformed row, a code out of order or repeated, a root that is
# not the code's first two digits, a code whose parent is missing, a quad class
# that differs within a root, a Goldstein value that is not -10.0..10.0 with
# one decimal, a root without a value on every scale, an unknown PLOVER type.
# A code a scale does not list ("-") takes, by that scale's rule below, its
# root's or its nearest listed ancestor's value and its `inherited` bit;
# `disputed` is set when the three scales give different values. Editing the table re-runs the configure step.

if(CMAKE_SCRIPT_MODE_FILE)
  # cmake -DCBK_SRC=table.tsv -DCBK_OUT=table.c -P gen-codebook.cmake (the unit test's way in)
  set(_cbk_src ${CBK_SRC})
  set(_cbk_out ${CBK_OUT})
else()
  set(_cbk_src ${CMAKE_SOURCE_DIR}/data/codebook/cameo.tsv)
  set(_cbk_out ${CMAKE_BINARY_DIR}/gen/codebook_table.c)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_cbk_src})
endif()

# The defaults, in one place (docs/codebook.md explains the choice).
set(_cbk_default_scale gdelt)
set(_cbk_default_quads icews)
# Where a code a scale does not list takes its value from: Phoenix's own
# pipeline falls back to the root's value; GDELT and ICEWS give no rule (their
# data never carries such codes), so those take the nearest listed ancestor's.
set(_cbk_fallback_gdelt parent)
set(_cbk_fallback_phoenix root)
set(_cbk_fallback_icews parent)

set(_cbk_scales gdelt phoenix icews)
set(_cbk_quad_neutral DYAD_QUAD_NONE)
set(_cbk_quad_vcoop DYAD_QUAD_VERBAL_COOP)
set(_cbk_quad_mcoop DYAD_QUAD_MATERIAL_COOP)
set(_cbk_quad_vconf DYAD_QUAD_VERBAL_CONFLICT)
set(_cbk_quad_mconf DYAD_QUAD_MATERIAL_CONFLICT)
foreach(_t AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT
           THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT)
  set(_cbk_plover_${_t} 1)
endforeach()

file(READ ${_cbk_src} _cbk_text)
string(FIND "${_cbk_text}" ";" _cbk_semi)
if(_cbk_semi GREATER -1)
  # ';' would split a CMake list: report its line and stop.
  string(SUBSTRING "${_cbk_text}" 0 ${_cbk_semi} _cbk_head)
  string(REGEX MATCHALL "\n" _cbk_nl "${_cbk_head}")
  list(LENGTH _cbk_nl _cbk_semi_line)
  math(EXPR _cbk_semi_line "${_cbk_semi_line} + 1")
  message(FATAL_ERROR "${_cbk_src}:${_cbk_semi_line}: ';' is not allowed in the table")
endif()
string(REPLACE "\r" "" _cbk_text "${_cbk_text}")
string(REPLACE "\\" "\\\\" _cbk_text "${_cbk_text}")
string(REPLACE "\"" "\\\"" _cbk_text "${_cbk_text}")
string(REPLACE "\n" ";" _cbk_lines "${_cbk_text}")

set(_cbk_rows "")
set(_cbk_keys "")
set(_cbk_n 0)
set(_cbk_nroots 0)
set(_cbk_prev "")
set(_cbk_lineno 0)
set(_num "-?(10|[0-9])\\.[0-9]")
foreach(_l IN LISTS _cbk_lines)
  math(EXPR _cbk_lineno "${_cbk_lineno} + 1")
  if(_l STREQUAL "" OR _l MATCHES "^#")
    continue()
  endif()
  set(_where "${_cbk_src}:${_cbk_lineno}")
  string(REPLACE "\t" ";" _f "${_l}")
  list(LENGTH _f _nf)
  if(NOT _nf EQUAL 12)
    message(FATAL_ERROR "${_where}: ${_nf} columns, expected 12 tab-separated: code root cameo q_icews q_phx gdelt phoenix icews p_type p_mode p_ctx name")
  endif()
  list(GET _f 0 _code)
  list(GET _f 1 _root)
  list(GET _f 2 _cameo)
  list(GET _f 3 _q_icews)
  list(GET _f 4 _q_phoenix)
  list(GET _f 5 _v_gdelt)
  list(GET _f 6 _v_phoenix)
  list(GET _f 7 _v_icews)
  list(GET _f 8 _ptype)
  list(GET _f 9 _pmode)
  list(GET _f 10 _pctx)
  list(GET _f 11 _name)
  if(NOT _code MATCHES "^[0-9][0-9][0-9]?[0-9]?$")
    message(FATAL_ERROR "${_where}: code '${_code}' must have 2 to 4 digits")
  endif()
  if(NOT _pmode MATCHES "^[a-z_-]+$" OR NOT _pctx MATCHES "^[a-z_,-]+$")
    message(FATAL_ERROR "${_where}: PLOVER mode and context are lower-case words or '-'")
  endif()
  if(_name STREQUAL "" OR _name MATCHES "^ | $")
    message(FATAL_ERROR "${_where}: empty name, or spaces around it")
  endif()
  string(LENGTH "${_code}" _len)
  if(NOT _cbk_prev STREQUAL "" AND NOT _code STRGREATER _cbk_prev)
    message(FATAL_ERROR "${_where}: code ${_code} is out of order or repeated (after ${_cbk_prev})")
  endif()
  set(_cbk_prev ${_code})
  string(SUBSTRING "${_code}" 0 2 _r)
  if(NOT _root STREQUAL _r)
    message(FATAL_ERROR "${_where}: root ${_root} is not the first two digits of ${_code}")
  endif()
  if(_len EQUAL 2)
    if(_code STRLESS "01" OR _code STRGREATER "20")
      message(FATAL_ERROR "${_where}: root ${_code} is not a CAMEO root (01-20)")
    endif()
    math(EXPR _cbk_nroots "${_cbk_nroots} + 1")
    set(_parent "")
  else()
    math(EXPR _plen "${_len} - 1")
    string(SUBSTRING "${_code}" 0 ${_plen} _parent)
    if(NOT DEFINED _cbk_seen_${_parent})
      message(FATAL_ERROR "${_where}: code ${_code} has no parent ${_parent} in the table")
    endif()
  endif()
  set(_cbk_seen_${_code} 1)
  if(NOT _cameo STREQUAL "1.1b3" AND NOT _cameo STREQUAL "ext")
    message(FATAL_ERROR "${_where}: cameo column must be 1.1b3 or ext, not '${_cameo}'")
  endif()

  foreach(_s icews phoenix)
    set(_q ${_q_${_s}})
    if(NOT DEFINED _cbk_quad_${_q} OR (_s STREQUAL "icews" AND _q STREQUAL "neutral"))
      message(FATAL_ERROR "${_where}: unknown ${_s} quad class '${_q}'")
    endif()
    if(_len EQUAL 2)
      set(_cbk_rootquad_${_s}_${_root} ${_q})
    elseif(NOT _q STREQUAL _cbk_rootquad_${_s}_${_root})
      message(FATAL_ERROR "${_where}: ${_s} quad class ${_q} differs from root ${_root}'s (${_cbk_rootquad_${_s}_${_root}})")
    endif()
  endforeach()

  # Goldstein values: listed, or inherited from the parent's resolved value.
  set(_inh 0)
  set(_bit 2)
  foreach(_s IN LISTS _cbk_scales)
    set(_v ${_v_${_s}})
    if(_v STREQUAL "-")
      if(_len EQUAL 2)
        message(FATAL_ERROR "${_where}: root ${_code} needs a ${_s} value (its codes inherit it)")
      endif()
      if(_cbk_fallback_${_s} STREQUAL "root")
        set(_v ${_cbk_val_${_s}_${_root}})
      else()
        set(_v ${_cbk_val_${_s}_${_parent}})
      endif()
      math(EXPR _inh "${_inh} | ${_bit}")
    elseif(NOT _v MATCHES "^${_num}$" OR _v STREQUAL "-0.0" OR _v MATCHES "^-?10\\.[1-9]$")
      message(FATAL_ERROR "${_where}: ${_s} value '${_v}' is not -10.0..10.0 with one decimal")
    endif()
    set(_cbk_val_${_s}_${_code} ${_v})
    set(_r_${_s} ${_v})
    math(EXPR _bit "${_bit} * 2")
  endforeach()
  if(_r_gdelt STREQUAL _r_phoenix AND _r_gdelt STREQUAL _r_icews)
    set(_disputed 0)
  else()
    set(_disputed 1)
  endif()
  # Bit 0 (DYAD_SCALE_DEFAULT) mirrors the default scale's bit.
  list(FIND _cbk_scales ${_cbk_default_scale} _di)
  math(EXPR _db "1 << (${_di} + 1)")
  math(EXPR _has "${_inh} & ${_db}")
  if(_has)
    math(EXPR _inh "${_inh} | 1")
  endif()

  if(_ptype STREQUAL "-")
    set(_ptype "")
    if(NOT _pmode STREQUAL "-" OR NOT _pctx STREQUAL "-")
      message(FATAL_ERROR "${_where}: a PLOVER mode or context without a PLOVER type")
    endif()
  elseif(NOT DEFINED _cbk_plover_${_ptype})
    message(FATAL_ERROR "${_where}: unknown PLOVER type '${_ptype}'")
  endif()
  foreach(_c pmode pctx)
    if(_${_c} STREQUAL "-")
      set(_${_c} "")
    endif()
  endforeach()
  if(_cameo STREQUAL "ext")
    set(_ext 1)
  else()
    set(_ext 0)
  endif()

  # Order-keeping key (see dy_codebook_key): base-11 digits d+1, padded with 0.
  set(_key 0)
  foreach(_i RANGE 3)
    set(_d 0)
    if(_i LESS _len)
      string(SUBSTRING "${_code}" ${_i} 1 _c)
      math(EXPR _d "${_c} + 1")
    endif()
    math(EXPR _key "${_key} * 11 + ${_d}")
  endforeach()

  set(_dq ${_q_${_cbk_default_quads}})
  string(APPEND _cbk_rows
    "    {\"${_code}\", \"${_name}\", \"${_root}\", \"${_ptype}\", \"${_pmode}\",\n"
    "     {${_r_${_cbk_default_scale}}, ${_r_gdelt}, ${_r_phoenix}, ${_r_icews}},\n"
    "     {${_cbk_quad_${_dq}}, ${_cbk_quad_${_q_phoenix}}, ${_cbk_quad_${_q_icews}}},\n"
    "     ${_disputed}, \"${_pctx}\", ${_inh}u, ${_ext}},\n")
  string(APPEND _cbk_keys "    ${_key}, /* ${_code} */\n")
  math(EXPR _cbk_n "${_cbk_n} + 1")
endforeach()
if(NOT _cbk_nroots EQUAL 20)
  message(FATAL_ERROR "${_cbk_src}: ${_cbk_nroots} root codes, CAMEO has 20 (01-20)")
endif()

set(_cbk_rootfb 0)
set(_bit 2)
foreach(_s IN LISTS _cbk_scales)
  if(_cbk_fallback_${_s} STREQUAL "root")
    math(EXPR _cbk_rootfb "${_cbk_rootfb} | ${_bit}")
    if(_s STREQUAL _cbk_default_scale)
      math(EXPR _cbk_rootfb "${_cbk_rootfb} | 1")
    endif()
  endif()
  math(EXPR _bit "${_bit} * 2")
endforeach()
string(TOUPPER ${_cbk_default_scale} _ds)
string(TOUPPER ${_cbk_default_quads} _dq)
set(_cbk_body "/* Generated from data/codebook/cameo.tsv by cmake/gen-codebook.cmake: do not edit. */
#include \"codebook/codebook.h\"

const dyad_scale dy_codebook_default_scale = DYAD_SCALE_${_ds};
const dyad_quad_scheme dy_codebook_default_quads = DYAD_QUADS_${_dq};
const size_t dy_codebook_nrows = ${_cbk_n};
const unsigned dy_codebook_root_fallback = ${_cbk_rootfb}u;

const dyad_code_info dy_codebook_rows[] = {
${_cbk_rows}};

const uint16_t dy_codebook_keys[] = {
${_cbk_keys}};
")

# Write through a scratch file so an unchanged table does not touch the source.
file(WRITE ${_cbk_out}.tmp "${_cbk_body}")
configure_file(${_cbk_out}.tmp ${_cbk_out} COPYONLY)
file(REMOVE ${_cbk_out}.tmp)
if(NOT CMAKE_SCRIPT_MODE_FILE)
  list(APPEND DYAD_GENERATED ${_cbk_out})
endif()
