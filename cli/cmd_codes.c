/* cmd_codes.c — `dyad codes`: look up and list CAMEO codes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char codes_usage[] =
    "usage: dyad codes [--scale gdelt|phoenix|icews] [--quads phoenix|icews]\n"
    "                  [--format table|tsv|json] [CODE...|ROOT|WORDS...]\n"
    "\n"
    "  (nothing)    list every code\n"
    "  CODE         every field of one code (0253, 025); several may be given\n"
    "  ROOT         a two-digit root (18) lists the root and all its codes\n"
    "  WORDS        codes whose names contain every word (case-insensitive)\n"
    "\n"
    "  --scale      Goldstein scale shown (default: the library's, gdelt)\n"
    "  --quads      quad-class scheme shown (default: the library's, icews)\n"
    "  --format     table (default), tsv (with a header) or json (one object a line)\n"
    "               in table lists, * after a Goldstein value marks a disputed code\n"
    "\n"
    "Exit status: 0 found, 1 unknown code or no name matched, 2 bad command line.\n"
    "Sources and disputed values: docs/codebook.md.\n";

typedef enum { FMT_TABLE, FMT_TSV, FMT_JSON } codes_fmt;

typedef struct {
    dyad_scale scale;
    dyad_quad_scheme quads;
    codes_fmt fmt;
    size_t shown;
} codes_opts;

static const dyad_scale codes_scales[] = {DYAD_SCALE_GDELT, DYAD_SCALE_PHOENIX, DYAD_SCALE_ICEWS};
static const dyad_quad_scheme codes_schemes[] = {DYAD_QUADS_PHOENIX, DYAD_QUADS_ICEWS};

static int codes_all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* The scales that do not list this code, comma-separated, into buf. */
static const char *codes_inherited(const dyad_code_info *ci, char *buf, size_t cap)
{
    buf[0] = 0;
    for (size_t i = 0; i < sizeof codes_scales / sizeof codes_scales[0]; i++)
        if (ci->inherited & (1u << codes_scales[i])) {
            size_t n = strlen(buf);
            snprintf(buf + n, cap - n, "%s%s", n ? "," : "", dyad_scale_name(codes_scales[i]));
        }
    return buf;
}

static void codes_tsv_header(void)
{
    printf("code\troot\tname\tcameo\tquad\tquad_phoenix\tquad_icews\tgoldstein\tgdelt\tphoenix\t"
           "icews\tinherited\tdisputed\tplover_type\tplover_mode\tplover_context\n");
}

static void codes_tsv(const dyad_code_info *ci, const codes_opts *o)
{
    char inh[64];
    printf("%s\t%s\t%s\t%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%d\t%s\t%s\t%s\n", ci->code,
           ci->root, ci->name, ci->extension ? "ext" : "1.1b3", (int)ci->quad[o->quads],
           (int)ci->quad[DYAD_QUADS_PHOENIX], (int)ci->quad[DYAD_QUADS_ICEWS], ci->goldstein[o->scale],
           ci->goldstein[DYAD_SCALE_GDELT], ci->goldstein[DYAD_SCALE_PHOENIX],
           ci->goldstein[DYAD_SCALE_ICEWS], codes_inherited(ci, inh, sizeof inh), ci->disputed ? 1 : 0,
           ci->plover_type, ci->plover_mode, ci->plover_context);
}

static int codes_json(const dyad_code_info *ci, const codes_opts *o)
{
    char inh[64];
    json_t *gs = json_object(), *q = json_object();
    json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:o, s:o, s:s, s:b, s:s, s:s, s:s}",
                            "code", ci->code, "root", ci->root, "name", ci->name, "cameo",
                            ci->extension ? "ext" : "1.1b3", "quad", (int)ci->quad[o->quads],
                            "goldstein", ci->goldstein[o->scale], "goldstein_by_scale", gs,
                            "quad_by_scheme", q, "inherited", codes_inherited(ci, inh, sizeof inh),
                            "disputed", ci->disputed != 0, "plover_type", ci->plover_type,
                            "plover_mode", ci->plover_mode, "plover_context", ci->plover_context);
    int rc = obj ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sizeof codes_scales / sizeof codes_scales[0]; i++)
        rc = json_object_set_new(gs, dyad_scale_name(codes_scales[i]),
                                 json_real(ci->goldstein[codes_scales[i]]));
    for (size_t i = 0; rc == 0 && i < sizeof codes_schemes / sizeof codes_schemes[0]; i++)
        rc = json_object_set_new(q, dyad_quad_scheme_name(codes_schemes[i]),
                                 json_integer(ci->quad[codes_schemes[i]]));
    char *s = rc == 0 ? json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3)) : NULL;
    if (s)
        printf("%s\n", s);
    else
        rc = -1;
    free(s);
    json_decref(obj);
    return rc;
}

static void codes_row(const dyad_code_info *ci, const codes_opts *o)
{
    size_t depth = strlen(ci->code) - 2;
    printf("%-4s  %-20s %5.1f%c  %-10s %*s%s\n", ci->code, dyad_quad_name(ci->quad[o->quads]),
           ci->goldstein[o->scale], ci->disputed ? '*' : ' ', ci->plover_type[0] ? ci->plover_type : "-",
           (int)(2 * depth), "", ci->name);
}

static void codes_detail(const dyad_code_info *ci, const codes_opts *o)
{
    const dyad_code_info *root = dyad_codebook_lookup(ci->root), *parent = dyad_codebook_parent(ci);
    printf("code       %s%s\n", ci->code, ci->extension ? "  (not in the CAMEO 1.1b3 manual)" : "");
    printf("name       %s\n", ci->name);
    if (root && root != ci)
        printf("root       %s  %s\n", root->code, root->name);
    if (parent && parent != root)
        printf("parent     %s  %s\n", parent->code, parent->name);
    printf("quad       %d %s (%s scheme)\n", (int)ci->quad[o->quads], dyad_quad_name(ci->quad[o->quads]),
           dyad_quad_scheme_name(o->quads));
    for (size_t i = 0; i < sizeof codes_schemes / sizeof codes_schemes[0]; i++) {
        dyad_quad q = ci->quad[codes_schemes[i]];
        printf("  %-8s %d %s\n", dyad_quad_scheme_name(codes_schemes[i]), (int)q, dyad_quad_name(q));
    }
    printf("goldstein  %.1f (%s scale)\n", ci->goldstein[o->scale], dyad_scale_name(o->scale));
    for (size_t i = 0; i < sizeof codes_scales / sizeof codes_scales[0]; i++) {
        dyad_scale s = codes_scales[i];
        printf("  %-8s %5.1f", dyad_scale_name(s), ci->goldstein[s]);
        const dyad_code_info *from = dyad_codebook_value_from(ci, s);
        if (from && from != ci)
            printf("  (not listed by %s: the value of %s)", dyad_scale_name(s), from->code);
        printf("\n");
    }
    printf("disputed   %s\n", ci->disputed ? "yes: the scales give this code different values" : "no");
    if (ci->plover_type[0])
        printf("plover     %s%s%s%s%s\n", ci->plover_type, ci->plover_mode[0] ? "  mode " : "",
               ci->plover_mode, ci->plover_context[0] ? "  context " : "", ci->plover_context);
    else
        printf("plover     -  (PLOVER drops CAMEO roots 01 and 02)\n");
}

static int codes_show(const dyad_code_info *ci, int detail, codes_opts *o)
{
    if (!ci)
        return 0;
    if (o->fmt == FMT_TSV && o->shown == 0)
        codes_tsv_header();
    o->shown++;
    switch (o->fmt) {
    case FMT_TSV: codes_tsv(ci, o); return 0;
    case FMT_JSON: return codes_json(ci, o);
    case FMT_TABLE:
        if (detail) {
            if (o->shown > 1)
                printf("\n");
            codes_detail(ci, o);
        } else {
            codes_row(ci, o);
        }
        return 0;
    }
    return 0;
}

static int codes_opt(const char *arg, const char *name, int *i, int argc, char **argv, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *val = arg + n + 1;
        return 1;
    }
    if (arg[n] == 0 && *i + 1 < argc) {
        *val = argv[++*i];
        return 1;
    }
    if (arg[n] == 0) {
        *val = NULL;
        return 1;
    }
    return 0;
}

int cmd_codes(int argc, char **argv)
{
    codes_opts o = {DYAD_SCALE_DEFAULT, DYAD_QUADS_DEFAULT, FMT_TABLE, 0};
    const char *args[64];
    size_t nargs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(codes_usage, stdout);
            return EXIT_OK;
        } else if (codes_opt(a, "--scale", &i, argc, argv, &v)) {
            if (!v || dyad_scale_parse(v, &o.scale) != 0) {
                fprintf(stderr, "dyad codes: --scale takes gdelt, phoenix, icews or default\n");
                return EXIT_USAGE;
            }
        } else if (codes_opt(a, "--quads", &i, argc, argv, &v)) {
            if (!v || dyad_quad_scheme_parse(v, &o.quads) != 0) {
                fprintf(stderr, "dyad codes: --quads takes phoenix, icews or default\n");
                return EXIT_USAGE;
            }
        } else if (codes_opt(a, "--format", &i, argc, argv, &v)) {
            if (v && !strcmp(v, "table"))
                o.fmt = FMT_TABLE;
            else if (v && !strcmp(v, "tsv"))
                o.fmt = FMT_TSV;
            else if (v && !strcmp(v, "json"))
                o.fmt = FMT_JSON;
            else {
                fprintf(stderr, "dyad codes: --format takes table, tsv or json\n");
                return EXIT_USAGE;
            }
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "dyad codes: unknown option '%s'\n%s", a, codes_usage);
            return EXIT_USAGE;
        } else if (nargs == sizeof args / sizeof args[0]) {
            fprintf(stderr, "dyad codes: more than %zu arguments\n", sizeof args / sizeof args[0]);
            return EXIT_USAGE;
        } else {
            args[nargs++] = a;
        }
    }
    if (o.scale == DYAD_SCALE_DEFAULT)
        dyad_scale_parse(dyad_scale_name(DYAD_SCALE_DEFAULT), &o.scale);
    if (o.quads == DYAD_QUADS_DEFAULT)
        dyad_quad_scheme_parse(dyad_quad_scheme_name(DYAD_QUADS_DEFAULT), &o.quads);

    size_t n = dyad_codebook_count();
    int rc = EXIT_OK, digits = nargs > 0;
    for (size_t k = 0; k < nargs; k++)
        digits = digits && codes_all_digits(args[k]);

    if (nargs == 0) {
        for (size_t i = 0; i < n && rc == EXIT_OK; i++)
            if (codes_show(dyad_codebook_at(i), 0, &o) != 0)
                rc = EXIT_INTERNAL;
    } else if (digits) {
        for (size_t k = 0; k < nargs && rc != EXIT_INTERNAL; k++) {
            const dyad_code_info *ci = dyad_codebook_lookup(args[k]);
            if (!ci) {
                fprintf(stderr, "dyad codes: '%s' is not a CAMEO code\n", args[k]);
                rc = EXIT_REJECTS;
                continue;
            }
            if (strlen(ci->code) == 2) {
                /* A root: the root and every code under it, as a list. */
                for (size_t i = 0; i < n; i++) {
                    const dyad_code_info *c = dyad_codebook_at(i);
                    if (!strcmp(c->root, ci->code) && codes_show(c, 0, &o) != 0)
                        rc = EXIT_INTERNAL;
                }
            } else if (codes_show(ci, 1, &o) != 0) {
                rc = EXIT_INTERNAL;
            }
        }
    } else {
        char query[512] = "";
        size_t used = 0;
        for (size_t k = 0; k < nargs; k++) {
            int w = snprintf(query + used, sizeof query - used, "%s%s", k ? " " : "", args[k]);
            if (w < 0 || (size_t)w >= sizeof query - used) {
                fprintf(stderr, "dyad codes: search words longer than %zu bytes\n", sizeof query - 1);
                return EXIT_USAGE;
            }
            used += (size_t)w;
        }
        for (size_t i = dyad_codebook_find(query, 0); i < n && rc == EXIT_OK;
             i = dyad_codebook_find(query, i + 1))
            if (codes_show(dyad_codebook_at(i), 0, &o) != 0)
                rc = EXIT_INTERNAL;
        if (o.shown == 0) {
            fprintf(stderr, "dyad codes: no code name contains all of: %s\n", query);
            rc = EXIT_REJECTS;
        }
    }
    if (rc == EXIT_INTERNAL)
        fprintf(stderr, "dyad codes: out of memory\n");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad codes: cannot write the output\n");
        return EXIT_IO;
    }
    return rc;
}
