# Embed the report's page assets (src/report/assets/report.css and report.js)
# as C byte arrays in ${CMAKE_BINARY_DIR}/gen/report_assets.c, so every report
# is one self-contained file. Editing an asset re-runs the configure step.
# Script mode: cmake -DRA_DIR=assets -DRA_OUT=out.c -P gen-report.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  set(_ra_dir ${RA_DIR})
  set(_ra_out ${RA_OUT})
else()
  set(_ra_dir ${CMAKE_SOURCE_DIR}/src/report/assets)
  set(_ra_out ${CMAKE_BINARY_DIR}/gen/report_assets.c)
endif()
set(_ra_body "/* Generated from src/report/assets by cmake/gen-report.cmake: do not edit. */\n#include \"report/report.h\"\n")
foreach(_ra_name css js)
  set(_ra_src ${_ra_dir}/report.${_ra_name})
  if(NOT CMAKE_SCRIPT_MODE_FILE)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_ra_src})
  endif()
  file(READ ${_ra_src} _ra_text)
  # the assets go inside <style> and <script>: they must not end those elements
  string(TOLOWER "${_ra_text}" _ra_lower)
  string(FIND "${_ra_lower}" "</" _ra_close)
  if(NOT _ra_close EQUAL -1)
    message(FATAL_ERROR "${_ra_src}: '</' would end the element it is embedded in")
  endif()
  file(READ ${_ra_src} _ra_hex HEX)
  string(LENGTH "${_ra_hex}" _ra_len)
  math(EXPR _ra_len "${_ra_len} / 2")
  if(_ra_len EQUAL 0)
    message(FATAL_ERROR "${_ra_src}: empty asset")
  endif()
  # 32 bytes a line; a NUL ends the array so it can be used as a C string too
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _ra_arr "${_ra_hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" _ra_arr "${_ra_arr}")
  string(APPEND _ra_body "const unsigned char dy_report_${_ra_name}[] = {\n${_ra_arr}0x00};\n"
         "const size_t dy_report_${_ra_name}_len = ${_ra_len};\n")
endforeach()

# Write through a scratch file so unchanged assets do not touch the source.
file(WRITE ${_ra_out}.tmp "${_ra_body}")
configure_file(${_ra_out}.tmp ${_ra_out} COPYONLY)
file(REMOVE ${_ra_out}.tmp)
if(NOT CMAKE_SCRIPT_MODE_FILE)
  list(APPEND DYAD_GENERATED ${_ra_out})
endif()
