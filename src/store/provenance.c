/* provenance.c — the `dictionaries` column of a run: which dictionary files
 * coded the events, as a JSON array (docs/store.md). Each file gives its
 * path, its kind (from its name, as the loader takes it), its entries (the
 * actors, agents, verbs, patterns, synsets, discards and issues it added)
 * and either dyad's version (the embedded defaults, which change only with
 * dyad) or a checksum of the file's bytes (FNV-1a 64). */
#include <stdio.h>
#include <stdlib.h>

#include "dict/dict.h"
#include "store/storeint.h"

static const char *pv_kind(const char *path)
{
    static const struct {
        const char *suffix, *kind;
    } kinds[] = {
        {".verbs", "tabari-verbs"},   {".actors", "tabari-actors"}, {".agents", "tabari-agents"},
        {".options", "tabari-options"}, {".project", "tabari-project"}, {".ini", "petrarch-config"},
        {"verbs.txt", "verbs"},       {"actors.txt", "actors"},     {"agents.txt", "agents"},
        {"discards.txt", "discards"}, {"issues.txt", "issues"},
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t k = strlen(kinds[i].suffix);
        if (n >= k && !strcmp(path + n - k, kinds[i].suffix))
            return kinds[i].kind;
    }
    return "other";
}

static bool pv_str(dy_buf *b, const char *s)
{
    bool ok = dy_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; ok && *p; p++) {
        if (*p == '"' || *p == '\\')
            ok = dy_buf_putc(b, '\\') && dy_buf_putc(b, (char)*p);
        else if (*p < 0x20)
            ok = dy_buf_printf(b, "\\u%04x", *p);
        else
            ok = dy_buf_putc(b, (char)*p);
    }
    return ok && dy_buf_putc(b, '"');
}

static uint64_t pv_fnv1a(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

bool dy_run_dict_json(const dyad_dict *d, bool embedded, dy_buf *out)
{
    size_t *entries = calloc(d->nfiles ? d->nfiles : 1, sizeof *entries);
    if (!entries)
        return false;
#define PV_COUNT(arr, n)                      \
    for (uint32_t i = 0; i < (n); i++)        \
        if ((arr)[i].file < d->nfiles)        \
            entries[(arr)[i].file]++;
    PV_COUNT(d->actors, d->nactors)
    PV_COUNT(d->agents, d->nagents)
    PV_COUNT(d->verbs, d->nverbs)
    PV_COUNT(d->patterns, d->npatterns)
    PV_COUNT(d->synsets, d->nsynsets)
    PV_COUNT(d->discards.items, d->discards.n)
    PV_COUNT(d->issue_phrases.items, d->issue_phrases.n)
#undef PV_COUNT
    bool ok = dy_buf_putc(out, '[');
    for (uint32_t i = 0; ok && i < d->nfiles; i++) {
        const char *path = d->files[i];
        ok = (!i || dy_buf_putc(out, ',')) && dy_buf_puts(out, "{\"path\":") && pv_str(out, path) &&
             dy_buf_puts(out, ",\"kind\":") && pv_str(out, pv_kind(path)) &&
             dy_buf_printf(out, ",\"entries\":%zu,", entries[i]);
        if (!ok)
            break;
        if (embedded) {
            ok = dy_buf_puts(out, "\"version\":") && pv_str(out, dyad_version());
        } else {
            char *data = NULL;
            size_t len = 0;
            if (dy_read_file(path, &data, &len, NULL) == DYAD_OK) {
                ok = dy_buf_printf(out, "\"checksum\":\"fnv1a64:%016llx\"",
                                   (unsigned long long)pv_fnv1a(data, len));
            } else {
                ok = dy_buf_puts(out, "\"checksum\":null"); /* gone since it was read */
            }
            free(data);
        }
        ok = ok && dy_buf_putc(out, '}');
    }
    free(entries);
    return ok && dy_buf_putc(out, ']') && dy_buf_cstr(out);
}
