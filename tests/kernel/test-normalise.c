/* Print a transcript as netnsim diff's normaliser sees it ("# CMD" and the
 * normalised lines), for normalise_check.py to hold against compare.py. */
#include "shell/diff-normalise.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: test-normalise FILE.t\n");
    return 2;
  }
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents(argv[1], &text, NULL, &error)) {
    fprintf(stderr, "%s\n", error->message);
    return 2;
  }
  g_autoptr(GPtrArray) blocks = nns_transcript_parse(text);
  nns_transcript_normalise(blocks);
  for (guint i = 0; i < blocks->len; i++) {
    NnsTranscriptBlock *b = g_ptr_array_index(blocks, i);
    printf("# %s\n", b->command);
    for (guint j = 0; j < b->lines->len; j++)
      printf("%s\n", (char *) g_ptr_array_index(b->lines, j));
  }
  return 0;
}
