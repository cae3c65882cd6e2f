/* dyad_dict_load(): what a path is (directory, PETRARCH .ini, TABARI
 * .project, single file), which parser reads each file, and the set's
 * public accessors. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>

#include "dict/dictint.h"

/* ------------------------------------------------------------ kinds */

static int ld_ends(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcasecmp(s + n - k, suf);
}

static int ld_has(const char *s, const char *needle)
{
    size_t k = strlen(needle);
    for (; *s; s++)
        if (!strncasecmp(s, needle, k))
            return 1;
    return 0;
}

static const char *ld_base(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* The kind a file name implies; DY_DK_AUTO when it tells nothing. */
static dy_dict_kind ld_kind(const char *path)
{
    const char *b = ld_base(path);
    if (ld_ends(b, ".verbs"))
        return DY_DK_TABARI_VERBS;
    if (ld_ends(b, ".actors"))
        return DY_DK_TABARI_ACTORS;
    if (ld_ends(b, ".agents"))
        return DY_DK_TABARI_AGENTS;
    if (ld_ends(b, ".options"))
        return DY_DK_TABARI_OPTIONS;
    if (ld_ends(b, ".txt")) {
        if (ld_has(b, "actors"))
            return DY_DK_PETR_ACTORS;
        if (ld_has(b, "agents"))
            return DY_DK_PETR_AGENTS;
        if (ld_has(b, "discards"))
            return DY_DK_PETR_DISCARDS;
        if (ld_has(b, "issue"))
            return DY_DK_PETR_ISSUES;
        if (ld_has(b, "verbs") || ld_has(b, "CAMEO"))
            return DY_DK_PETR_VERBS;
    }
    return DY_DK_AUTO;
}

/* ------------------------------------------------------------ one buffer */

typedef struct ld_ctx {
    const dyad_dict_opts *opts;
    dyad_error *err;
    const char *report_path; /* caller's string: stays valid after a failed load */
    size_t nerr;
    dyad_status first;
} ld_ctx;

static dyad_status ld_note(ld_ctx *c, dyad_status st)
{
    if (st == DYAD_OK)
        return st;
    if (!c->first)
        c->first = st;
    c->nerr++;
    return st;
}

static dyad_status ld_fail(ld_ctx *c, dyad_status code, const char *msg, const char *path, const char *detail)
{
    dyad_error e = {0};
    dy_fail(&e, code, msg, path, 0, 0, detail, detail ? strlen(detail) : 0);
    if (c->opts && c->opts->keep_going && c->opts->diag)
        c->opts->diag(c->opts->diag_user, &e);
    if (!c->first && c->err) {
        if (path != c->report_path) {
            dy_fail(&e, code, msg, c->report_path, 0, 0, NULL, 0);
            snprintf(e.detail, sizeof e.detail, "%s", ld_base(detail ? detail : path));
        }
        *c->err = e;
    }
    return ld_note(c, code);
}

static dyad_status ld_buffer(struct dyad_dict *d, ld_ctx *c, const char *name, const char *buf,
                             size_t len, dy_dict_kind kind)
{
    if (!d->build)
        return ld_fail(c, DYAD_E_ARG, "dictionary already finished", name, NULL);
    if (kind == DY_DK_AUTO)
        kind = ld_kind(name);
    if (kind == DY_DK_AUTO)
        return ld_fail(c, DYAD_E_ARG, "cannot tell the dictionary kind from the file name", name, ld_base(name));
    if (d->nfiles >= DY_MAX_FILES)
        return ld_fail(c, DYAD_E_LIMIT, "too many dictionary files (limit 60000)", name, NULL);
    char *path = dy_arena_strndup(&d->arena, name, strlen(name));
    if (!path || !DY_VEC_PUSH(d->files, d->nfiles, d->build->cap_files, path))
        return ld_fail(c, DYAD_E_NOMEM, "out of memory", c->report_path, NULL);
    dp p = {0};
    p.d = d;
    p.b = d->build;
    p.path = path;
    p.report_path = c->report_path;
    p.file = (uint16_t)(d->nfiles - 1);
    p.buf = buf;
    p.len = len;
    p.opts = c->opts;
    dyad_error e = {0};
    p.err = &e;
    p.tabari = kind >= DY_DK_TABARI_VERBS;
    if (kind == DY_DK_TABARI_VERBS)
        d->verb_style = DY_STYLE_TABARI;
    dyad_status st;
    switch (kind) {
    case DY_DK_PETR_VERBS: st = dy_petr_verbs(&p); break;
    case DY_DK_TABARI_VERBS: st = dy_tabari_verbs(&p); break;
    case DY_DK_PETR_ACTORS:
    case DY_DK_TABARI_ACTORS: st = dy_actors(&p); break;
    case DY_DK_PETR_AGENTS:
    case DY_DK_TABARI_AGENTS: st = dy_agents(&p); break;
    case DY_DK_PETR_DISCARDS:
    case DY_DK_TABARI_DISCARDS: st = dy_petr_discards(&p); break;
    case DY_DK_PETR_ISSUES: st = dy_petr_issues(&p); break;
    case DY_DK_TABARI_OPTIONS: st = dy_tabari_options(&p); break;
    default: st = DYAD_E_ARG; dy_fail(&e, st, "unknown dictionary kind", name, 0, 0, NULL, 0); break;
    }
    dy_buf_free(&p.fold);
    dy_buf_free(&p.tmp);
    if (st != DYAD_OK) {
        if (!c->first && c->err)
            *c->err = e;
        /* each syntax error was already counted by the parser */
        if (!c->first)
            c->first = st;
        c->nerr += p.nerr ? p.nerr : 1;
    }
    return st;
}

/* Read a whole file in one read when its size is known (regular files);
 * anything else goes through dy_read_file's growing buffer. */
static dyad_status ld_read(const char *path, char **out, size_t *len, dyad_error *e)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
        (uint64_t)sb.st_size >= SIZE_MAX) {
        if (f)
            fclose(f);
        return dy_read_file(path, out, len, e);
    }
    size_t n = (size_t)sb.st_size;
    char *buf = malloc(n + 1);
    if (!buf) {
        fclose(f);
        return dy_fail(e, DYAD_E_NOMEM, "out of memory reading file", path, 0, 0, NULL, 0);
    }
    size_t got = fread(buf, 1, n, f);
    int bad = ferror(f) || fgetc(f) != EOF; /* the file changed under us: read it the slow way */
    fclose(f);
    if (bad || got != n) {
        free(buf);
        return dy_read_file(path, out, len, e);
    }
    buf[n] = 0;
    *out = buf;
    *len = n;
    return DYAD_OK;
}

static dyad_status ld_file(struct dyad_dict *d, ld_ctx *c, const char *path, dy_dict_kind kind)
{
    char *buf = NULL;
    size_t len = 0;
    dyad_error e = {0};
    if (ld_read(path, &buf, &len, &e) != DYAD_OK)
        return ld_fail(c, e.code ? e.code : DYAD_E_IO, e.msg ? e.msg : "cannot read file", path, path);
    dyad_status st = ld_buffer(d, c, path, buf, len, kind);
    free(buf);
    return st;
}

static int ld_stop(const ld_ctx *c, dyad_status st)
{
    if (st == DYAD_OK)
        return 0;
    if (st == DYAD_E_NOMEM)
        return 1;
    return !(c->opts && c->opts->keep_going);
}

/* ------------------------------------------------------------ containers */

static char *ld_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *s = malloc(a + b + 2);
    if (!s)
        return NULL;
    memcpy(s, dir, a);
    s[a] = '/';
    memcpy(s + a + 1, name, b + 1);
    return s;
}

static char *ld_dirname(const char *path)
{
    const char *sl = strrchr(path, '/');
    if (!sl)
        return strdup(".");
    size_t n = sl == path ? 1 : (size_t)(sl - path);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, path, n);
        s[n] = 0;
    }
    return s;
}

static int ld_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int ld_rank(dy_dict_kind k)
{
    switch (k) {
    case DY_DK_PETR_VERBS: case DY_DK_TABARI_VERBS: return 0;
    case DY_DK_PETR_ACTORS: case DY_DK_TABARI_ACTORS: return 1;
    case DY_DK_PETR_AGENTS: case DY_DK_TABARI_AGENTS: return 2;
    case DY_DK_PETR_DISCARDS: case DY_DK_TABARI_DISCARDS: return 3;
    case DY_DK_PETR_ISSUES: return 4;
    case DY_DK_TABARI_OPTIONS: return 5;
    default: return 9;
    }
}

/* A directory: TABARI when it holds .verbs/.actors/.agents files, else the
 * PETRARCH2 *.txt dictionaries. Files load by kind (verbs, actors, agents,
 * discards, issues, options), then by name. */
static dyad_status ld_dir(struct dyad_dict *d, ld_ctx *c, const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return ld_fail(c, DYAD_E_IO, "cannot open directory", dir, dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int tabari = 0;
    struct dirent *e;
    dyad_status st = DYAD_OK;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.')
            continue;
        dy_dict_kind k = ld_kind(e->d_name);
        if (k == DY_DK_TABARI_VERBS || k == DY_DK_TABARI_ACTORS || k == DY_DK_TABARI_AGENTS)
            tabari = 1;
        char *s = strdup(e->d_name);
        if (!s || !DY_VEC_PUSH(names, n, cap, s)) {
            free(s);
            st = ld_fail(c, DYAD_E_NOMEM, "out of memory", dir, NULL);
            goto done;
        }
    }
    qsort(names, n, sizeof *names, ld_cmp);
    size_t loaded = 0;
    for (int rank = 0; rank <= 5; rank++)
        for (size_t i = 0; i < n; i++) {
            dy_dict_kind k = ld_kind(names[i]);
            if (ld_rank(k) != rank || (k >= DY_DK_TABARI_VERBS) != tabari)
                continue;
            char *path = ld_join(dir, names[i]);
            if (!path) {
                st = ld_fail(c, DYAD_E_NOMEM, "out of memory", dir, NULL);
                goto done;
            }
            dyad_status fs = ld_file(d, c, path, k);
            free(path);
            loaded++;
            if (fs != DYAD_OK)
                st = fs;
            if (ld_stop(c, fs))
                goto done;
        }
    /* files dyad does not read are named, not silently passed over */
    for (size_t i = 0; i < n && c->opts && c->opts->diag; i++) {
        dy_dict_kind k = ld_kind(names[i]);
        if ((k != DY_DK_AUTO && (k >= DY_DK_TABARI_VERBS) == tabari) || !ld_ends(names[i], ".txt"))
            continue;
        char *path = ld_join(dir, names[i]);
        dyad_error w = {0};
        dy_fail(&w, DYAD_E_UNSUPPORTED, "warning: not a dictionary kind dyad reads; skipped", path ? path : dir, 0, 0, NULL, 0);
        c->opts->diag(c->opts->diag_user, &w);
        free(path);
    }
    if (!loaded)
        st = ld_fail(c, DYAD_E_ARG, "no dictionary files in directory", dir, dir);
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(dh);
    return st;
}

static int ld_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* A name from a config: relative to the config's directory, or (the
 * PETRARCH2 layout data/config + data/dictionaries) to ../dictionaries. */
static char *ld_resolve(const char *base, const char *name, size_t n)
{
    char *nm = malloc(n + 1);
    if (!nm)
        return NULL;
    memcpy(nm, name, n);
    nm[n] = 0;
    if (nm[0] == '/')
        return nm;
    char *a = ld_join(base, nm);
    if (a && !ld_exists(a)) {
        char *up = ld_join(base, "../dictionaries");
        char *b = up ? ld_join(up, nm) : NULL;
        free(up);
        if (b && ld_exists(b)) {
            free(a);
            a = b;
        } else {
            free(b);
        }
    }
    free(nm);
    return a;
}

static dyad_status ld_named(struct dyad_dict *d, ld_ctx *c, const char *base, const char *name,
                            size_t n, dy_dict_kind kind)
{
    char *path = ld_resolve(base, name, n);
    if (!path)
        return ld_fail(c, DYAD_E_NOMEM, "out of memory", c->report_path, NULL);
    dyad_status st = ld_file(d, c, path, kind);
    free(path);
    return st;
}

static void ld_trim(const char **s, size_t *n)
{
    while (*n && dp_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && (dp_blank((*s)[*n - 1]) || (*s)[*n - 1] == '\r'))
        (*n)--;
}

static dyad_status ld_ini_syntax(ld_ctx *c, const char *path, size_t line, const char *msg, const char *s, size_t n)
{
    dyad_error e = {0};
    dy_fail(&e, DYAD_E_SYNTAX, msg, path, line, 1, s, n);
    if (c->opts && c->opts->keep_going && c->opts->diag)
        c->opts->diag(c->opts->diag_user, &e);
    if (!c->first && c->err)
        *c->err = e;
    return ld_note(c, DYAD_E_SYNTAX);
}

static int ld_key(const char *k, size_t n, const char *want)
{
    return strlen(want) == n && !strncasecmp(k, want, n);
}

/* PETRARCH's PETR_config.ini: [Dictionaries] names the files; every other
 * key is kept as an option "section.key". */
static dyad_status ld_ini(struct dyad_dict *d, ld_ctx *c, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    dyad_error e = {0};
    if (dy_read_file(path, &buf, &len, &e) != DYAD_OK)
        return ld_fail(c, e.code ? e.code : DYAD_E_IO, e.msg ? e.msg : "cannot read file", path, path);
    char *base = ld_dirname(path);
    dyad_status st = DYAD_OK;
    if (!base) {
        st = ld_fail(c, DYAD_E_NOMEM, "out of memory", path, NULL);
        goto done;
    }
    /* config lines are not dictionary entries: record the ini as a file for options */
    char *ipath = dy_arena_strndup(&d->arena, path, strlen(path));
    if (!ipath || !DY_VEC_PUSH(d->files, d->nfiles, d->build->cap_files, ipath)) {
        st = ld_fail(c, DYAD_E_NOMEM, "out of memory", path, NULL);
        goto done;
    }
    uint16_t ifile = (uint16_t)(d->nfiles - 1);
    char section[64] = "";
    size_t pos = 0, line = 0;
    const char *key = NULL;
    size_t keyn = 0;
    int any = 0;
    while (pos < len) {
        const char *s = buf + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        line++;
        int cont = n && dp_blank(s[0]);
        ld_trim(&s, &n);
        if (!n || s[0] == '#' || s[0] == ';')
            continue;
        if (s[0] == '[') {
            if (s[n - 1] != ']' || n - 2 >= sizeof section) {
                st = ld_ini_syntax(c, path, line, "section header must be [NAME]", s, n);
                if (ld_stop(c, st))
                    goto done;
                continue;
            }
            memcpy(section, s + 1, n - 2);
            section[n - 2] = 0;
            key = NULL;
            continue;
        }
        const char *val;
        size_t valn;
        if (cont && key) {
            val = s; /* continuation of the previous key's list */
            valn = n;
        } else {
            const char *eq = memchr(s, '=', n);
            if (!eq) {
                st = ld_ini_syntax(c, path, line, "expected key = value", s, n);
                if (ld_stop(c, st))
                    goto done;
                continue;
            }
            key = s;
            keyn = (size_t)(eq - s);
            ld_trim(&key, &keyn);
            val = eq + 1;
            valn = (size_t)(s + n - val);
            ld_trim(&val, &valn);
        }
        dy_dict_kind kind = DY_DK_AUTO;
        int list = 0;
        if (!strcasecmp(section, "Dictionaries")) {
            if (ld_key(key, keyn, "verbfile_name"))
                kind = DY_DK_PETR_VERBS;
            else if (ld_key(key, keyn, "actorfile_list"))
                kind = DY_DK_PETR_ACTORS, list = 1;
            else if (ld_key(key, keyn, "agentfile_name"))
                kind = DY_DK_PETR_AGENTS;
            else if (ld_key(key, keyn, "discardfile_name"))
                kind = DY_DK_PETR_DISCARDS;
            else if (ld_key(key, keyn, "issuefile_name"))
                kind = DY_DK_PETR_ISSUES;
        }
        if (kind != DY_DK_AUTO) {
            any = 1;
            while (valn) {
                const char *cm = list ? memchr(val, ',', valn) : NULL;
                size_t k = cm ? (size_t)(cm - val) : valn;
                const char *item = val;
                size_t itn = k;
                ld_trim(&item, &itn);
                if (itn) {
                    dyad_status fs = ld_named(d, c, base, item, itn, kind);
                    if (fs != DYAD_OK)
                        st = fs;
                    if (ld_stop(c, fs))
                        goto done;
                }
                if (!cm)
                    break;
                val = cm + 1;
                valn -= k + 1;
            }
            continue;
        }
        dy_option o = {0};
        dy_buf nb = {0};
        dy_buf_printf(&nb, "%s.%.*s", section, (int)keyn, key);
        o.name = dy_buf_cstr(&nb) ? dy_arena_strndup(&d->arena, nb.p, nb.n) : NULL;
        dy_buf_free(&nb);
        o.value = dy_arena_strndup(&d->arena, val, valn);
        o.line = (uint32_t)line;
        o.file = ifile;
        if (!o.name || !o.value || !DY_VEC_PUSH(d->options, d->noptions, d->build->cap_options, o)) {
            st = ld_fail(c, DYAD_E_NOMEM, "out of memory", path, NULL);
            goto done;
        }
    }
    if (!any && st == DYAD_OK)
        st = ld_ini_syntax(c, path, line, "config names no dictionaries ([Dictionaries] verbfile_name, ...)", NULL, 0);
done:
    free(base);
    free(buf);
    return st;
}

/* TABARI .project: "<actorsfile> NAME" lines; TABARI reads the first two
 * letters of a tag. Lines not starting with '<' are comments. */
static dyad_status ld_project(struct dyad_dict *d, ld_ctx *c, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    dyad_error e = {0};
    if (dy_read_file(path, &buf, &len, &e) != DYAD_OK)
        return ld_fail(c, e.code ? e.code : DYAD_E_IO, e.msg ? e.msg : "cannot read file", path, path);
    char *base = ld_dirname(path);
    dyad_status st = DYAD_OK;
    size_t pos = 0, line = 0;
    int any = 0;
    if (!base) {
        st = ld_fail(c, DYAD_E_NOMEM, "out of memory", path, NULL);
        goto done;
    }
    while (pos < len) {
        const char *s = buf + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        line++;
        ld_trim(&s, &n);
        if (n < 3 || s[0] != '<')
            continue;
        const char *gt = memchr(s, '>', n);
        if (!gt) {
            st = ld_ini_syntax(c, path, line, "tag needs '>'", s, n);
            if (ld_stop(c, st))
                goto done;
            continue;
        }
        dy_dict_kind kind = DY_DK_AUTO;
        if (!strncasecmp(s + 1, "ac", 2))
            kind = DY_DK_TABARI_ACTORS;
        else if (!strncasecmp(s + 1, "ve", 2))
            kind = DY_DK_TABARI_VERBS;
        else if (!strncasecmp(s + 1, "ag", 2))
            kind = DY_DK_TABARI_AGENTS;
        else if (!strncasecmp(s + 1, "op", 2))
            kind = DY_DK_TABARI_OPTIONS;
        if (kind == DY_DK_AUTO)
            continue; /* text, event, problem, coder, session...: not dictionaries */
        const char *v = gt + 1;
        size_t vn = (size_t)(s + n - v);
        ld_trim(&v, &vn);
        if (!vn) {
            st = ld_ini_syntax(c, path, line, "file name missing after the tag", s, n);
            if (ld_stop(c, st))
                goto done;
            continue;
        }
        any = 1;
        dyad_status fs = ld_named(d, c, base, v, vn, kind);
        if (fs != DYAD_OK)
            st = fs;
        if (ld_stop(c, fs))
            goto done;
    }
    if (!any && st == DYAD_OK)
        st = ld_ini_syntax(c, path, line, "project names no dictionaries (<actorsfile>, <verbsfile>, ...)", NULL, 0);
done:
    free(base);
    free(buf);
    return st;
}

static dyad_status ld_path(struct dyad_dict *d, ld_ctx *c, const char *path)
{
    struct stat sb;
    c->report_path = path;
    if (!path || stat(path, &sb) != 0)
        return ld_fail(c, DYAD_E_IO, "no such file or directory", path ? path : "", NULL);
    if (S_ISDIR(sb.st_mode))
        return ld_dir(d, c, path);
    if (ld_ends(path, ".ini"))
        return ld_ini(d, c, path);
    if (ld_ends(path, ".project"))
        return ld_project(d, c, path);
    return ld_file(d, c, path, DY_DK_AUTO);
}

/* ------------------------------------------------------------ public */

dyad_status dy_dict_add_buffer(struct dyad_dict *d, const char *name, const char *buf, size_t len,
                               dy_dict_kind kind, const dyad_dict_opts *opts, dyad_error *err)
{
    ld_ctx c = {opts, err, name, 0, DYAD_OK};
    if (!d || !name || (!buf && len))
        return dy_fail(err, DYAD_E_ARG, "invalid argument", name, 0, 0, NULL, 0);
    ld_buffer(d, &c, name, buf, len, kind);
    return c.first;
}

dyad_status dy_dict_add_file(struct dyad_dict *d, const char *path, dy_dict_kind kind,
                             const dyad_dict_opts *opts, dyad_error *err)
{
    ld_ctx c = {opts, err, path, 0, DYAD_OK};
    if (!d || !path)
        return dy_fail(err, DYAD_E_ARG, "invalid argument", path, 0, 0, NULL, 0);
    ld_file(d, &c, path, kind);
    return c.first;
}

dyad_dict *dyad_dict_load_many(const char *const *paths, size_t npaths, const dyad_dict_opts *opts,
                               dyad_error *err)
{
    if (!paths || !npaths) {
        dy_fail(err, DYAD_E_ARG, "no dictionary paths given", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    struct dyad_dict *d = dy_dict_new();
    if (!d) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    ld_ctx c = {opts, err, NULL, 0, DYAD_OK};
    for (size_t i = 0; i < npaths; i++) {
        dyad_status st = ld_path(d, &c, paths[i]);
        if (ld_stop(&c, st))
            break;
    }
    if (c.first != DYAD_OK) {
        dyad_dict_free(d);
        return NULL;
    }
    if (dy_dict_finish(d, err) != DYAD_OK) {
        dyad_dict_free(d);
        return NULL;
    }
    return d;
}

dyad_dict *dyad_dict_load(const char *path, const dyad_dict_opts *opts, dyad_error *err)
{
    return dyad_dict_load_many(&path, 1, opts, err);
}
