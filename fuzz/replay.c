/* A main() for the harnesses outside libFuzzer: run each FILE given (or
 * each file of each DIRECTORY given) through LLVMFuzzerTestOneInput once.
 * The normal test suite uses it to replay fuzz/regressions/ (crashes
 * found by fuzzing, kept as regression tests) under every gate. */
#include "fuzz/fuzz-common.h"

#include <stdio.h>
#include <string.h>

static int
by_name(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
replay_file(const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents(path, &data, &len, &error)) {
    fprintf(stderr, "replay: %s\n", error->message);
    return 1;
  }
  LLVMFuzzerTestOneInput((const uint8_t *) data, len);
  return 0;
}

int
main(int argc, char **argv)
{
  int failed = 0, n = 0;
  for (int i = 1; i < argc; i++) {
    if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      failed |= replay_file(argv[i]);
      n++;
      continue;
    }
    g_autoptr(GDir) dir = g_dir_open(argv[i], 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    for (const char *name; dir && (name = g_dir_read_name(dir));)
      if (name[0] != '.')
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, by_name);
    for (guint k = 0; k < names->len; k++) {
      g_autofree char *path = g_build_filename(argv[i], names->pdata[k], NULL);
      failed |= replay_file(path);
      n++;
    }
  }
  printf("replayed %d input(s)\n", n);
  return failed;
}
