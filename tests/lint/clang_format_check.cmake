# Fails when any C++ file under the project's source folders is not clang-format clean.
file(GLOB_RECURSE files
  ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
  ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h
  ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h
  ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${files} RESULT_VARIABLE rc)
list(LENGTH files count)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clang-format: some of ${count} files need formatting (run clang-format -i)")
endif()
message(STATUS "clang-format: ${count} files clean")
