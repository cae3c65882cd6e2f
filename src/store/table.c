/* table.c — query results: a small table of strings, and its writers. */
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

struct dyad_table {
    size_t ncols, nrows;
    char **names;
    char *kinds;
    char **cells; /* nrows * ncols */
    size_t ncells, cap;
};

static char *tb_dup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *c = malloc(n + 1);
    if (c)
        memcpy(c, s ? s : "", n + 1);
    return c;
}

dyad_table *dy_table_new(void) { return calloc(1, sizeof(dyad_table)); }

bool dy_table_set_names(dyad_table *t, size_t ncols, const char *const *names, const char *kinds)
{
    if (t->names || ncols == 0)
        return false;
    t->names = calloc(ncols, sizeof *t->names);
    t->kinds = calloc(ncols + 1, 1);
    if (!t->names || !t->kinds)
        return false;
    t->ncols = ncols;
    for (size_t i = 0; i < ncols; i++) {
        if (!(t->names[i] = tb_dup(names[i])))
            return false;
        t->kinds[i] = kinds && kinds[i] ? kinds[i] : 's';
    }
    return true;
}

bool dy_table_add_row(dyad_table *t, const char *const *vals)
{
    for (size_t i = 0; i < t->ncols; i++) {
        char *c = tb_dup(vals[i]);
        if (!c || !DY_VEC_PUSH(t->cells, t->ncells, t->cap, c)) {
            free(c);
            /* keep the table rectangular: drop the partial row */
            while (t->ncells > t->nrows * t->ncols)
                free(t->cells[--t->ncells]);
            return false;
        }
    }
    t->nrows++;
    return true;
}

size_t dyad_table_rows(const dyad_table *t) { return t ? t->nrows : 0; }
size_t dyad_table_cols(const dyad_table *t) { return t ? t->ncols : 0; }

const char *dyad_table_name(const dyad_table *t, size_t col)
{
    return t && col < t->ncols ? t->names[col] : NULL;
}

const char *dyad_table_cell(const dyad_table *t, size_t row, size_t col)
{
    return t && row < t->nrows && col < t->ncols ? t->cells[row * t->ncols + col] : NULL;
}

void dyad_table_free(dyad_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncols && t->names; i++)
        free(t->names[i]);
    free(t->cells);
    free(t->names);
    free(t->kinds);
    free(t);
}

static int tb_csv(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n"))
        return fputs(s, f);
    if (fputc('"', f) == EOF)
        return EOF;
    for (; *s; s++)
        if ((*s == '"' && fputc('"', f) == EOF) || fputc(*s, f) == EOF)
            return EOF;
    return fputc('"', f);
}

static int tb_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    return fputc('"', f);
}

/* Display width in code points (good enough for codes, dates and numbers). */
static size_t tb_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

int dyad_table_write(FILE *f, const dyad_table *t, dyad_table_format fmt)
{
    if (!f || !t)
        return DYAD_E_ARG;
    size_t *w = NULL;
    switch (fmt) {
    case DYAD_TABLE_CSV:
        for (size_t r = 0; r <= t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                tb_csv(f, r ? t->cells[(r - 1) * t->ncols + c] : t->names[c]);
                fputc(c + 1 < t->ncols ? ',' : '\n', f);
            }
        break;
    case DYAD_TABLE_JSON:
        fputc('[', f);
        for (size_t r = 0; r < t->nrows; r++) {
            fputs(r ? ",\n {" : "\n {", f);
            for (size_t c = 0; c < t->ncols; c++) {
                const char *v = t->cells[r * t->ncols + c];
                if (c)
                    fputs(", ", f);
                tb_json_str(f, t->names[c]);
                fputs(": ", f);
                if (t->kinds[c] != 's' && !*v)
                    fputs("null", f);
                else if (t->kinds[c] != 's')
                    fputs(v, f);
                else
                    tb_json_str(f, v);
            }
            fputc('}', f);
        }
        fputs(t->nrows ? "\n]\n" : "]\n", f);
        break;
    default:
        if (!(w = calloc(t->ncols ? t->ncols : 1, sizeof *w)))
            return DYAD_E_NOMEM;
        for (size_t r = 0; r <= t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                size_t k = tb_width(r ? t->cells[(r - 1) * t->ncols + c] : t->names[c]);
                if (k > w[c])
                    w[c] = k;
            }
        for (size_t r = 0; r <= t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const char *v = r ? t->cells[(r - 1) * t->ncols + c] : t->names[c];
                int pad = (int)(w[c] - tb_width(v));
                bool last = c + 1 == t->ncols;
                if (t->kinds[c] != 's')
                    fprintf(f, "%*s%s%s", pad, "", v, last ? "\n" : "  ");
                else if (last)
                    fprintf(f, "%s\n", v);
                else
                    fprintf(f, "%s%*s  ", v, pad, "");
            }
        free(w);
        break;
    }
    return ferror(f) ? DYAD_E_IO : DYAD_OK;
}
