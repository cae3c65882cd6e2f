/* Event writers: JSON lines (docs/events.md) and Phoenix-order TSV. Both are
 * pure functions of the event, so output bytes never depend on threads. */
#include <math.h>
#include <stdio.h>

#include "out/out.h"

/* JSON string escaping per RFC 8259; invalid UTF-8 never reaches here (the
 * text layer repairs it), but control bytes do and are escaped. */
static void ot_json_str(dy_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    dy_buf_putc(b, '"');
    if (s) {
        const unsigned char *p = (const unsigned char *)s;
        const unsigned char *run = p;
        for (; *p; p++) {
            unsigned char c = *p;
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            dy_buf_put(b, run, (size_t)(p - run));
            run = p + 1;
            switch (c) {
            case '"': dy_buf_put(b, "\\\"", 2); break;
            case '\\': dy_buf_put(b, "\\\\", 2); break;
            case '\n': dy_buf_put(b, "\\n", 2); break;
            case '\r': dy_buf_put(b, "\\r", 2); break;
            case '\t': dy_buf_put(b, "\\t", 2); break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                dy_buf_put(b, u, 6);
            }
            }
        }
        dy_buf_put(b, run, (size_t)(p - run));
    }
    dy_buf_putc(b, '"');
}

static void ot_key(dy_buf *b, const char *k, const char *v, int first)
{
    if (!first)
        dy_buf_putc(b, ',');
    ot_json_str(b, k);
    dy_buf_putc(b, ':');
    ot_json_str(b, v ? v : "");
}

static void ot_span(dy_buf *b, const char *k, dyad_span sp)
{
    dy_buf_printf(b, ",\"%s\":[%u,%u]", k, sp.start, sp.end);
}

bool dy_event_format_jsonl(dy_buf *out, const dyad_event *ev)
{
    size_t mark = out->n;
    dy_buf_putc(out, '{');
    dy_buf b = *out;
    ot_key(&b, "doc", ev->doc, 1);
    dy_buf_printf(&b, ",\"sentence\":%u", ev->sentence);
    ot_key(&b, "date", ev->date, 0);
    ot_key(&b, "date_precision", ev->date_precision, 0);
    ot_key(&b, "doc_date", ev->doc_date, 0);
    ot_key(&b, "source", ev->source, 0);
    ot_key(&b, "target", ev->target, 0);
    ot_key(&b, "code", ev->code, 0);
    ot_key(&b, "root", ev->root, 0);
    dy_buf_printf(&b, ",\"quad\":%d", (int)ev->quad);
    if (isnan(ev->goldstein))
        dy_buf_puts(&b, ",\"goldstein\":null");
    else
        dy_buf_printf(&b, ",\"goldstein\":%.1f", ev->goldstein);
    ot_key(&b, "plover", ev->plover, 0);
    ot_key(&b, "source_text", ev->source_text, 0);
    ot_key(&b, "target_text", ev->target_text, 0);
    ot_key(&b, "verb_text", ev->verb_text, 0);
    ot_key(&b, "pattern", ev->pattern, 0);
    ot_key(&b, "issues", ev->issues, 0);
    ot_key(&b, "flags", ev->flags, 0);
    ot_span(&b, "source_span", ev->source_span);
    ot_span(&b, "target_span", ev->target_span);
    ot_span(&b, "verb_span", ev->verb_span);
    ot_key(&b, "sentence_text", ev->sentence_text, 0);
    bool ok = dy_buf_put(&b, "}\n", 2);
    *out = b;
    if (!ok)
        out->n = mark; /* a failed append leaves the buffer as it was */
    return ok;
}

int dyad_event_write_jsonl(FILE *out, const dyad_event *ev)
{
    dy_buf b = {0};
    int rc = dy_event_format_jsonl(&b, ev) && fwrite(b.p, 1, b.n, out) == b.n ? 0 : -1;
    dy_buf_free(&b);
    return rc;
}

/* TSV cells cannot hold tabs or newlines: they become spaces. */
static void ot_cell(dy_buf *b, const char *s, size_t max)
{
    if (!s)
        return;
    for (size_t i = 0; s[i] && i < max; i++) {
        char c = s[i];
        dy_buf_putc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
    }
}

static void ot_cell_from(dy_buf *b, const char *s, size_t from, size_t max)
{
    if (s && strlen(s) > from)
        ot_cell(b, s + from, max);
}

/* Phoenix columns: EventID Date Year Month Day SourceActorFull SourceActorEntity
 * SourceActorRole SourceActorAttribute TargetActorFull TargetActorEntity
 * TargetActorRole TargetActorAttribute EventCode EventRootCode QuadClass
 * GoldsteinScore Issues Lat Lon LocationName StateName CountryCode SentenceID
 * URLs NewsSources. */
bool dy_event_format_tsv(dy_buf *out, const dyad_event *ev)
{
    size_t mark = out->n;
    dy_buf b = *out;
    const char *d = ev->date ? ev->date : "";
    int have_date = strlen(d) == 10;
    ot_cell(&b, ev->doc, SIZE_MAX);
    dy_buf_printf(&b, "-%u\t", ev->sentence);
    /* a date known to the month or year leaves Day, or Month and Day, empty */
    const char *prec = ev->date_precision ? ev->date_precision : "";
    int month = strcmp(prec, "year") != 0, day = month && strcmp(prec, "month") != 0;
    if (have_date)
        dy_buf_printf(&b, "%.4s%.2s%.2s\t%.4s\t%.*s\t%.*s\t", d, d + 5, d + 8, d, month ? 2 : 0, d + 5,
                      day ? 2 : 0, d + 8);
    else
        dy_buf_puts(&b, "\t\t\t\t");
    const char *actors[2] = {ev->source, ev->target};
    for (int k = 0; k < 2; k++) {
        ot_cell(&b, actors[k], SIZE_MAX);
        dy_buf_putc(&b, '\t');
        ot_cell(&b, actors[k], 3);
        dy_buf_putc(&b, '\t');
        ot_cell_from(&b, actors[k], 3, 3);
        dy_buf_putc(&b, '\t');
        ot_cell_from(&b, actors[k], 6, SIZE_MAX);
        dy_buf_putc(&b, '\t');
    }
    ot_cell(&b, ev->code, SIZE_MAX);
    dy_buf_putc(&b, '\t');
    ot_cell(&b, ev->root, SIZE_MAX);
    dy_buf_printf(&b, "\t%d\t", (int)ev->quad);
    if (!isnan(ev->goldstein))
        dy_buf_printf(&b, "%.1f", ev->goldstein);
    dy_buf_putc(&b, '\t');
    ot_cell(&b, ev->issues, SIZE_MAX);
    dy_buf_puts(&b, "\t\t\t\t\t\t");
    ot_cell(&b, ev->doc, SIZE_MAX);
    bool ok = dy_buf_printf(&b, "-%u\t\t\n", ev->sentence);
    *out = b;
    if (!ok)
        out->n = mark;
    return ok;
}

int dyad_event_write_tsv(FILE *out, const dyad_event *ev)
{
    dy_buf b = {0};
    int rc = dy_event_format_tsv(&b, ev) && fwrite(b.p, 1, b.n, out) == b.n ? 0 : -1;
    dy_buf_free(&b);
    return rc;
}
