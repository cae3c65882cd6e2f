/* Validation runner: codes each record of a PETRARCH unit-test file or a
 * TABARI validation project and compares the set of (source, target, code)
 * with the set the record expects. */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>

#include "code/code.h"
#include "input/doc.h"

#define VL_MAX_DICTS 16

typedef struct vl_triple {
    const char *s, *t, *c;
} vl_triple;

typedef struct vl_errexp {
    char *id;
    char *what;
} vl_errexp;

typedef struct vl_suite {
    int tabari;
    char *dir;                 /* directory of the suite file */
    char *text;                /* file holding the records */
    char *dict_paths[VL_MAX_DICTS]; /* dictionaries named by the suite */
    size_t ndict;
    vl_errexp *errs;           /* PETRARCH records that expect a reading error */
    size_t nerrs, caperrs;
    char **rejected;           /* ids the reader rejected */
    size_t nrej, caprej;
    char **discarded;          /* ids whose sentences the coder discarded */
    size_t ndisc, capdisc;
} vl_suite;

static char *vl_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static char *vl_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    return strndup(path, (size_t)(slash - path));
}

static char *vl_trim_dup(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return strndup(s, n);
}

static int vl_exists(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* A dictionary named by a PETRARCH suite: beside the suite (preferring a
 * ".2.0" edition there, as the CoNLL-U suite ships), then in ../dictionaries
 * and ../petrarch2/dictionaries. */
static char *vl_find_dict(const char *dir, const char *name)
{
    static const char *const where[] = {".", "../dictionaries", "../petrarch2/dictionaries"};
    size_t n = strlen(name);
    if (n > 4 && !strcmp(name + n - 4, ".txt")) {
        char v2[1024];
        snprintf(v2, sizeof v2, "%.*s.2.0.txt", (int)(n - 4), name);
        char *p = vl_join(dir, v2);
        if (p && vl_exists(p))
            return p;
        free(p);
    }
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        char *d = vl_join(dir, where[i]);
        char *p = d ? vl_join(d, name) : NULL;
        free(d);
        if (p && vl_exists(p))
            return p;
        free(p);
    }
    return NULL;
}

/* Read <Environment> and the records that expect a reading error. */
static dyad_status vl_scan_petrarch(vl_suite *su, const char *path, dyad_error *err)
{
    xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    if (!r)
        return dy_fail(err, DYAD_E_IO, "cannot open validation file", path, 0, 0, NULL, 0);
    dyad_status st = DYAD_OK;
    char *cur_id = NULL;
    static const char *const env_tags[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile", "Issuefile"};
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *name = (const char *)xmlTextReaderConstName(r);
        if (!strcmp(name, "Sentence")) {
            free(cur_id);
            xmlChar *id = xmlTextReaderGetAttribute(r, (const xmlChar *)"id");
            cur_id = id ? vl_trim_dup((const char *)id) : NULL;
            xmlFree(id);
        } else if (!strcmp(name, "EventCoding") && cur_id) {
            xmlChar *e = xmlTextReaderGetAttribute(r, (const xmlChar *)"error");
            if (e) {
                vl_errexp x = {strdup(cur_id), strdup((const char *)e)};
                xmlFree(e);
                if (!x.id || !x.what || !DY_VEC_PUSH(su->errs, su->nerrs, su->caperrs, x)) {
                    free(x.id);
                    free(x.what);
                    st = dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
                    break;
                }
            }
        } else {
            for (size_t k = 0; k < sizeof env_tags / sizeof env_tags[0]; k++) {
                if (strcmp(name, env_tags[k]))
                    continue;
                xmlChar *txt = xmlTextReaderReadString(r);
                char *v = txt ? vl_trim_dup((const char *)txt) : NULL;
                xmlFree(txt);
                /* a comma-separated list names several files */
                char *save = NULL;
                for (char *tok = v ? strtok_r(v, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save)) {
                    char *file = vl_trim_dup(tok);
                    char *p = file && *file ? vl_find_dict(su->dir, file) : NULL;
                    if (!p || su->ndict >= VL_MAX_DICTS) {
                        st = p ? dy_fail(err, DYAD_E_LIMIT, "the suite names too many dictionaries", path, 0, 0, NULL, 0)
                               : dy_fail(err, DYAD_E_IO, "dictionary named by the suite not found", path, 0, 0,
                                         file ? file : "", file ? strlen(file) : 0);
                        free(p);
                        free(file);
                        free(v);
                        goto done;
                    }
                    su->dict_paths[su->ndict++] = p;
                    free(file);
                }
                free(v);
            }
        }
    }
    /* Malformed XML (some published suites have it) is the reader's to report
     * record by record; this scan only needs the environment. */
    (void)rc;
done:
    free(cur_id);
    xmlFreeTextReader(r);
    return st;
}

/* <textfile> of a TABARI project. */
static dyad_status vl_scan_project(vl_suite *su, const char *path, dyad_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    dyad_status st = dy_read_file(path, &buf, &len, err);
    if (st)
        return st;
    const char *p = strstr(buf, "<textfile>");
    if (!p) {
        st = dy_fail(err, DYAD_E_SYNTAX, "TABARI project names no <textfile>", path, 0, 0, NULL, 0);
        goto done;
    }
    p += strlen("<textfile>");
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strcspn(p, " \t\r\n");
    char *name = strndup(p, n);
    su->text = name ? vl_join(su->dir, name) : NULL;
    free(name);
    su->dict_paths[su->ndict++] = strdup(path);
    if (!su->text || !su->dict_paths[0])
        st = dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
done:
    free(buf);
    return st;
}

static void vl_diag(void *user, const dyad_error *e)
{
    vl_suite *su = user;
    /* the reader puts the record id in detail */
    char *id = strdup(e->detail);
    if (id && !DY_VEC_PUSH(su->rejected, su->nrej, su->caprej, id))
        free(id);
}

static int vl_rejected(const vl_suite *su, const char *id)
{
    for (size_t i = 0; i < su->nrej; i++)
        if (strstr(su->rejected[i], id))
            return 1;
    return 0;
}

static int vl_expects_error(const vl_suite *su, const char *id)
{
    for (size_t i = 0; i < su->nerrs; i++)
        if (!strcmp(su->errs[i].id, id))
            return 1;
    return 0;
}

typedef struct vl_got {
    vl_triple *t;
    uint32_t n;
    size_t cap;
    dy_arena *a;
    int oom;
} vl_got;

static int vl_collect(void *user, const dyad_event *ev)
{
    vl_got *g = user;
    vl_triple t = {dy_arena_strndup(g->a, ev->source, strlen(ev->source)),
                   dy_arena_strndup(g->a, ev->target, strlen(ev->target)),
                   dy_arena_strndup(g->a, ev->code, strlen(ev->code))};
    if (!t.s || !t.t || !t.c || !DY_VEC_PUSH(g->t, g->n, g->cap, t))
        g->oom = 1;
    return g->oom;
}

static int vl_has(const vl_triple *set, uint32_t n, const char *s, const char *t, const char *c)
{
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(set[i].s, s) && !strcmp(set[i].t, t) && !strcmp(set[i].c, c))
            return 1;
    return 0;
}

static void vl_list(dy_buf *b, const vl_triple *set, uint32_t n)
{
    dy_buf_putc(b, '[');
    for (uint32_t i = 0; i < n; i++)
        dy_buf_printf(b, "%s%s %s %s", i ? "; " : "", set[i].s[0] ? set[i].s : "-",
                      set[i].t[0] ? set[i].t : "-", set[i].c);
    dy_buf_putc(b, ']');
}

/* Apply a record's options to the coder options. */
static int vl_apply_opts(const dyad_doc *doc, dyad_code_opts *o, dy_buf *tabari)
{
    for (uint32_t i = 0; i < doc->nopts; i++) {
        const char *n = doc->opts[i].name, *v = doc->opts[i].value;
        if (!n || !v)
            continue;
        if (!strcmp(n, "OPTION")) {
            /* TABARI "{ OPTION: SET: ... }": in force from this record on */
            if (!dy_buf_puts(tabari, v) || !dy_buf_putc(tabari, '\n') || !dy_buf_cstr(tabari))
                return -1;
            o->tabari_options = tabari->p;
            continue;
        }
        if (!strcmp(n, "require_dyad"))
            o->require_dyad = (v[0] == 'f' || v[0] == 'F') ? -1 : 0;
    }
    return 0;
}

static void vl_suite_free(vl_suite *su)
{
    free(su->dir);
    free(su->text);
    for (size_t i = 0; i < su->ndict; i++)
        free(su->dict_paths[i]);
    for (size_t i = 0; i < su->nerrs; i++) {
        free(su->errs[i].id);
        free(su->errs[i].what);
    }
    free(su->errs);
    for (size_t i = 0; i < su->nrej; i++)
        free(su->rejected[i]);
    free(su->rejected);
    for (size_t i = 0; i < su->ndisc; i++)
        free(su->discarded[i]);
    free(su->discarded);
}

int dyad_validate_run(const char *path, const dyad_validate_opts *opts, dyad_line_fn fn, void *user,
                      dyad_validate_result *out, dyad_error *err)
{
    vl_suite su = {0};
    dyad_dict *dict = NULL;
    dyad_reader *r = NULL;
    dy_arena a;
    dy_arena_init(&a, 16 * 1024);
    vl_got got = {0};
    got.a = &a;
    dy_buf line = {0};
    dy_buf tabari_opts = {0}; /* TABARI record options, accumulated */
    dyad_story *story = NULL;  /* TABARI: records continue one another */
    dyad_validate_opts vo = {0};
    if (opts)
        vo = *opts;
    memset(out, 0, sizeof *out);
    dyad_status st = DYAD_OK;
    size_t plen = strlen(path);
    su.tabari = plen > 8 && !strcmp(path + plen - 8, ".project");
    if (!(su.dir = vl_dirname(path))) {
        st = dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
        goto done;
    }
    if (su.tabari) {
        st = vl_scan_project(&su, path, err);
    } else {
        su.text = strdup(path);
        st = su.text ? vl_scan_petrarch(&su, path, err) : DYAD_E_NOMEM;
    }
    if (st)
        goto done;
    dyad_dict_opts dopts = {0};
    dopts.lenient = 1;
    dopts.diag = vo.diag;
    dopts.diag_user = vo.diag_user;
    if (vo.dict_path)
        dict = dyad_dict_load(vo.dict_path, &dopts, err);
    else if (su.ndict)
        dict = dyad_dict_load_many((const char *const *)su.dict_paths, su.ndict, &dopts, err);
    else
        st = dy_fail(err, DYAD_E_SYNTAX, "the suite names no dictionaries", path, 0, 0, NULL, 0);
    if (st || !dict) {
        st = st ? st : err->code;
        goto done;
    }
    r = dyad_reader_open(su.text, su.tabari ? DYAD_FMT_TABARI : DYAD_FMT_AUTO, vl_diag, &su, err);
    if (!r) {
        st = err->code;
        goto done;
    }
    dyad_code_opts co = {0};
    co.ignore_parse = vo.ignore_parse;
    /* the suites record PETRARCH2's and TABARI's answers, which drop a
     * sentence on any discard, a bare year too */
    co.strict_discards = 1;
    /* TABARI suites are coded as TABARI reads them: each record continues the
     * one before it (FORWARD decides whether that carries pronouns over) */
    if (su.tabari && !(story = dyad_story_new())) {
        st = dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
        goto done;
    }
    const dyad_doc *doc;
    while ((doc = dyad_reader_next(r, err))) {
        if (doc->stop)
            break;
        if (vl_apply_opts(doc, &co, &tabari_opts) != 0) {
            st = dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
            goto done;
        }
        if (vl_expects_error(&su, doc->id)) {
            /* judged below: the reader must reject it, or the coder discard it */
            dyad_coder *c = dyad_coder_new(dict, &co, err);
            if (!c) {
                st = err->code;
                goto done;
            }
            got.n = 0;
            long n = dyad_coder_code_story(c, story, doc, vl_collect, &got, err);
            dyad_code_stats cs;
            dyad_coder_get_stats(c, &cs);
            dyad_coder_free(c);
            if (n < 0) {
                st = err->code;
                goto done;
            }
            char *id = cs.sentences_discarded ? strdup(doc->id) : NULL;
            if (id && !DY_VEC_PUSH(su.discarded, su.ndisc, su.capdisc, id))
                free(id);
            continue;
        }
        int judged = doc->has_expect && (su.tabari || doc->is_sentence);
        if (!judged && !story) {
            out->skipped++;
            continue;
        }
        dyad_coder *c = dyad_coder_new(dict, &co, err);
        if (!c) {
            st = err->code;
            goto done;
        }
        dy_arena_reset(&a);
        got.n = 0;
        long n = dyad_coder_code_story(c, story, doc, vl_collect, &got, err);
        dyad_code_stats cst;
        dyad_coder_get_stats(c, &cst);
        dyad_coder_free(c);
        if (!judged) {
            /* coded only so that the story sees it, as TABARI would */
            if (n < 0) {
                st = err->code;
                goto done;
            }
            out->skipped++;
            continue;
        }
        if (n < 0 || got.oom) {
            st = n < 0 ? err->code : DYAD_E_NOMEM;
            goto done;
        }
        /* compare as sets */
        vl_triple *exp = dy_arena_calloc(&a, doc->nexpect + 1, sizeof *exp);
        uint32_t ne = 0;
        for (uint32_t i = 0; exp && i < doc->nexpect; i++) {
            const dy_expect *x = &doc->expect[i];
            vl_triple t = {x->source ? x->source : "", x->target ? x->target : "", x->code ? x->code : ""};
            if (!vl_has(exp, ne, t.s, t.t, t.c))
                exp[ne++] = t;
        }
        uint32_t ng = 0;
        for (uint32_t i = 0; i < got.n; i++)
            if (!vl_has(got.t, ng, got.t[i].s, got.t[i].t, got.t[i].c))
                got.t[ng++] = got.t[i];
        int pass = exp && ne == ng;
        for (uint32_t i = 0; pass && i < ng; i++)
            pass = vl_has(exp, ne, got.t[i].s, got.t[i].t, got.t[i].c);
        if (doc->expect_flags & DY_EXPECT_PARTIAL) {
            /* TABARI "-{": the events listed before it must be coded; what
             * follows it is not checked */
            pass = exp != NULL;
            for (uint32_t i = 0; pass && i < ne; i++)
                pass = vl_has(got.t, ng, exp[i].s, exp[i].t, exp[i].c);
        } else if (doc->expect_flags & DY_EXPECT_DISCARD) /* TABARI "{###}": the sentence is discarded */
            pass = cst.sentences_discarded > 0;
        else if (doc->expect_flags & DY_EXPECT_COMPLEX)
            /* TABARI "{+++}": the sentence is too complex to code. TABARI's own
             * check accepts that whatever other events the record lists
             * (they are what it codes with the COMPLEX conditions off) */
            pass = cst.sentences_complex > 0;
        if (pass) {
            out->passed++;
        } else {
            out->failed++;
            line.n = 0;
            /* TABARI's sentence verdicts are part of what was expected and got */
            dy_buf_printf(&line, "%s expected %s", doc->id,
                          doc->expect_flags & DY_EXPECT_COMPLEX   ? "{+++} "
                          : doc->expect_flags & DY_EXPECT_DISCARD ? "{###} "
                                                                  : "");
            vl_list(&line, exp, ne);
            dy_buf_printf(&line, " got %s%s", cst.sentences_complex ? "{+++} " : "",
                          cst.sentences_discarded ? "{###} " : "");
            vl_list(&line, got.t, ng);
            if (fn && dy_buf_cstr(&line))
                fn(user, line.p);
        }
    }
    if (err && err->code) {
        st = err->code;
        goto done;
    }
    /* Records that expect a reading error pass when the reader rejected them. */
    for (size_t i = 0; i < su.nerrs; i++) {
        int discard_kind = strstr(su.errs[i].what, "discard") != NULL;
        int discarded = 0;
        for (size_t k = 0; k < su.ndisc && !discarded; k++)
            discarded = !strcmp(su.discarded[k], su.errs[i].id);
        if (vl_rejected(&su, su.errs[i].id) || (discard_kind && discarded)) {
            out->passed++;
        } else {
            out->failed++;
            line.n = 0;
            dy_buf_printf(&line, "%s expected error %s got none", su.errs[i].id, su.errs[i].what);
            if (fn && dy_buf_cstr(&line))
                fn(user, line.p);
        }
    }
done:
    dy_buf_free(&line);
    dy_buf_free(&tabari_opts);
    dyad_story_free(story);
    free(got.t);
    dy_arena_free(&a);
    dyad_reader_free(r);
    dyad_dict_free(dict);
    vl_suite_free(&su);
    return st;
}
