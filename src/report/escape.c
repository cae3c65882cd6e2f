/* escape.c — every string from the data reaches the page through here.
 *
 * HTML text and attribute values get &, <, >, " and ' escaped; JSON inside
 * <script> additionally hides '<', '>' and '&' behind \u escapes so no
 * headline can close the element ("</script>") or open a comment. */
#include <stdlib.h>

#include "report/report.h"

#define ES_REPL "\xEF\xBF\xBD" /* U+FFFD */

bool dy_html_esc(dy_buf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the pending run of bytes that need no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\t': case '\n': rep = NULL; break;
        default: rep = (c < 0x20 || c == 0x7f) ? ES_REPL : NULL; break;
        }
        if (!rep)
            continue;
        if (!dy_buf_put(b, s + run, i - run) || !dy_buf_puts(b, rep))
            return false;
        run = i + 1;
    }
    return dy_buf_put(b, s + run, n - run);
}

bool dy_json_str(dy_buf *b, const char *s)
{
    if (!dy_buf_putc(b, '"'))
        return false;
    size_t n = s ? strlen(s) : 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        const char *rep = NULL;
        size_t skip = 1;
        if (c == '"')
            rep = "\\\"";
        else if (c == '\\')
            rep = "\\\\";
        else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            rep = tmp;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            /* U+2028/2029 end a line in older JavaScript parsers */
            rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (!rep)
            continue;
        if (!dy_buf_put(b, s + run, i - run) || !dy_buf_puts(b, rep))
            return false;
        i += skip - 1;
        run = i + 1;
    }
    return dy_buf_put(b, s + run, n - run) && dy_buf_putc(b, '"');
}

/* Move a byte offset back to the start of its UTF-8 character. */
static size_t es_snap(const char *t, size_t n, size_t off)
{
    if (off >= n)
        return n;
    while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80)
        off--;
    return off;
}

bool dy_html_spans(dy_buf *b, const char *text, dyad_span src, dyad_span tgt, dyad_span verb)
{
    size_t n = text ? strlen(text) : 0;
    static const char *const cls[3] = {"hs", "ht", "hv"};
    size_t st[3], en[3];
    const dyad_span sp[3] = {src, tgt, verb};
    size_t cut[8], ncut = 0;
    cut[ncut++] = 0;
    cut[ncut++] = n;
    for (int k = 0; k < 3; k++) {
        st[k] = es_snap(text, n, sp[k].start);
        en[k] = es_snap(text, n, sp[k].end);
        if (en[k] <= st[k]) /* empty or inverted span: no mark */
            st[k] = en[k] = 0;
        cut[ncut++] = st[k];
        cut[ncut++] = en[k];
    }
    /* sort the few cut points (insertion sort), then walk the segments */
    for (size_t i = 1; i < ncut; i++)
        for (size_t j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
            size_t t = cut[j];
            cut[j] = cut[j - 1];
            cut[j - 1] = t;
        }
    for (size_t i = 0; i + 1 < ncut; i++) {
        size_t a = cut[i], z = cut[i + 1];
        if (a == z)
            continue;
        int any = 0;
        for (int k = 0; k < 3; k++)
            if (st[k] <= a && z <= en[k] && st[k] < en[k]) {
                if (!dy_buf_puts(b, any ? " " : "<mark class=\"") || !dy_buf_puts(b, cls[k]))
                    return false;
                any = 1;
            }
        if (any && !dy_buf_puts(b, "\">"))
            return false;
        if (!dy_html_esc(b, text + a, z - a))
            return false;
        if (any && !dy_buf_puts(b, "</mark>"))
            return false;
    }
    return true;
}
