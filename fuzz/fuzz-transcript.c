/* Any bytes as a document for `netnsim replay`: read by the console
 * transcript reader and by the markdown reader (shell/replay/). */
#include "fuzz/fuzz-common.h"
#include "shell/replay/replay.h"

static gboolean
known(const char *word, gpointer data)
{
  (void) data;
  static const char *const words[] = { "ip", "ifconfig", "ping", "echo", "iptables", "bridge", "ls", NULL };
  return g_strv_contains(words, word);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nns_fuzz_init();
  g_autofree char *text = nns_fuzz_text(data, size);
  NnsReplayDoc *docs[2];
  docs[0] = nns_read_console("fuzz.t", text);
  g_autoptr(GError) error = NULL;
  docs[1] = nns_read_markdown("fuzz.md", text, known, NULL, &error);
  /* Every step must be whole: its text there, its lines readable. */
  for (int d = 0; d < 2; d++) {
    for (guint i = 0; docs[d] && i < docs[d]->steps->len; i++) {
      const NnsStep *step = docs[d]->steps->pdata[i];
      g_assert_nonnull(step->text);
      for (guint k = 0; step->expected && k < step->expected->len; k++)
        g_assert_nonnull(step->expected->pdata[k]);
    }
    g_clear_pointer(&docs[d], nns_replay_doc_free);
  }
  return 0;
}
