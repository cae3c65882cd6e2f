/* The CAMEO verb-combination algebra (see combine.h and docs/combination.md).
 *
 * The code <-> composition table is data/combine/cameo-comp.tsv, embedded by
 * cmake/gen-combine.cmake as two arrays sorted by code and by composition,
 * so both directions are a binary search over static memory. */
#include <stdlib.h>
#include <string.h>

#include "code/combine.h"

typedef struct cb_entry {
    const char *code;
    int32_t comp;
} cb_entry;

#include "combine_table.h"

#define CB_N(a) (sizeof(a) / sizeof((a)[0]))
#define CB_REST(c) ((c) & 0xFFF)            /* mode, action, specifier */
#define CB_STANCE_ONLY(s) DY_COMP(0, (s), 0, 0, 0)

static const int32_t cb_say = DY_COMP(0, DY_ST_SAY, 0, 0, 0); /* 010: a plain statement */

/* ------------------------------------------------------------ lookups */

static int cb_cmp_code(const void *key, const void *elem)
{
    return strcmp(key, ((const cb_entry *)elem)->code);
}

static int cb_cmp_comp(const void *key, const void *elem)
{
    int32_t a = *(const int32_t *)key, b = ((const cb_entry *)elem)->comp;
    return (a > b) - (a < b);
}

/* The entry of a code; a two-digit root reads as its "x0" code. */
static const cb_entry *cb_find(const char *code)
{
    char key[5];
    size_t n = 0;
    if (!code)
        return NULL;
    while (n < 5 && code[n] >= '0' && code[n] <= '9')
        n++;
    if (code[n] != '\0' || n < 2 || n > 4)
        return NULL;
    memcpy(key, code, n);
    if (n == 2)
        key[n++] = '0';
    key[n] = '\0';
    return bsearch(key, cb_by_code, CB_N(cb_by_code), sizeof(cb_entry), cb_cmp_code);
}

static const char *cb_code_of(int32_t comp)
{
    const cb_entry *e = bsearch(&comp, cb_by_comp, CB_N(cb_by_comp), sizeof(cb_entry), cb_cmp_comp);
    return e ? e->code : NULL;
}

int dy_code_to_comp(const char *code, int32_t *comp)
{
    const cb_entry *e = cb_find(code);
    if (!e)
        return 0;
    *comp = e->comp;
    return 1;
}

const char *dy_code_from_comp(int32_t comp) { return cb_code_of(comp); }

const char *dy_code_canon(const char *code)
{
    const cb_entry *e = cb_find(code);
    return e ? e->code : NULL;
}

/* ------------------------------------------------------------ algebra */

/* Acts of force or of cutting ties: under "intend" or "will" they read as threats. */
static int cb_hostile(int32_t c)
{
    int s = DY_COMP_STANCE(c), a = DY_COMP_ACTION(c);
    if (s == DY_ST_PROTEST || s == DY_ST_POSTURE || s == DY_ST_COERCE)
        return 1;
    return s == 0 && (DY_COMP_MODE(c) == DY_MO_REDUCE || a == DY_AC_EXPEL || a == DY_AC_ASSAULT ||
                      a == DY_AC_FIGHT || a == DY_AC_MASSVIOL);
}

/* The upper verb's mode/action/specifier merged with the lower's. When one
 * refines the other (where one has a digit, the other has 0 or the same),
 * the digits merge: "appeal to yield" + "release" is an appeal to release.
 * Otherwise the lower verb names the act and its digits win alone: "appeal
 * for aid" governing "release" is an appeal for release, not for aid. */
static int32_t cb_merge(int32_t upper, int32_t lower)
{
    int32_t u = CB_REST(upper), l = CB_REST(lower), out = 0;
    int lower_refines = 1, upper_refines = 1;
    for (int shift = 0; shift < 12; shift += 4) {
        int32_t ud = (u >> shift) & 0xF, ld = (l >> shift) & 0xF;
        out |= (ld ? ld : ud) << shift;
        if (shift == 8 && (ud == DY_MO_YIELD || ld == DY_MO_YIELD))
            continue; /* yielding is implied by what is yielded; the ladder may drop it */
        if (ud && ud != ld)
            lower_refines = 0;
        if (ld && ld != ud)
            upper_refines = 0;
    }
    return lower_refines || upper_refines ? out : l;
}

/* The most specific existing code for stance + rest. The lower verb's form
 * counts only for an exact match (threaten + 191 blockade -> 1381); the
 * upper's form names its own family (141 demonstrate, 112 accuse) and is
 * tried before forms are dropped. Then yield and the specifier are dropped,
 * never the action or a reducing mode, which would reverse the meaning;
 * last comes the stance alone. */
static const char *cb_ladder(int stance, int32_t rest, int lform, int uform)
{
    const int32_t base = CB_STANCE_ONLY(stance);
    const int32_t m = rest & 0xF00, a = rest & 0x0F0, p = rest & 0x00F;
    const int32_t m_noyield = (m >> 8) == DY_MO_YIELD ? 0 : m;
    const int32_t rests[4] = {rest, m_noyield | a | p, m | a, m_noyield | a};
    const char *r;
    if (lform && (r = cb_code_of(DY_COMP(lform, 0, 0, 0, 0) | base | rest)))
        return r;
    for (int pass = uform ? 0 : 1; pass < 2; pass++) {
        int32_t f = pass == 0 ? DY_COMP(uform, 0, 0, 0, 0) : 0;
        for (size_t i = 0; i < CB_N(rests); i++)
            if ((r = cb_code_of(f | base | rests[i])))
                return r;
    }
    if (uform && (r = cb_code_of(DY_COMP(uform, 0, 0, 0, 0) | base)))
        return r;
    return cb_code_of(base);
}

/* Threaten (upper comp u, possibly the root) + lower comp l. */
static const char *cb_threaten(int32_t u, int32_t l, const char *fallback)
{
    switch (DY_COMP_STANCE(l)) {
    case DY_ST_COERCE:
        /* administrative sanctions keep their kind (1723 curfew -> 1323);
         * arrests, deportations, seizures and repression are 137 ("threats
         * to imprison"); a threatened cyber attack (176) has no code */
        if (DY_COMP_SPEC(l) == DY_SP_ADMIN)
            return cb_ladder(DY_ST_THREATEN, DY_SP_ADMIN, DY_COMP_FORM(l), 0);
        return DY_COMP_SPEC(l) == DY_SP_INTELLIGENCE ? dy_code_canon("130") : dy_code_canon("137");
    case DY_ST_PROTEST:
        return dy_code_canon("133");
    case DY_ST_POSTURE:
        return dy_code_canon("138");
    case 0:
        break;
    default:
        return fallback;
    }
    if (!cb_hostile(l))
        return fallback;
    return cb_ladder(DY_ST_THREATEN, cb_merge(u, l), DY_COMP_FORM(l), DY_COMP_FORM(u));
}

/* Stance-less cooperative act l under stance s (upper comp u). */
static const char *cb_cooperative(int stance, int32_t u, int32_t l, const char *fallback)
{
    if (DY_COMP_STANCE(l) || cb_hostile(l) || !CB_REST(l))
        return fallback;
    return cb_ladder(stance, cb_merge(u, l), DY_COMP_FORM(l), DY_COMP_FORM(u));
}

const char *dy_code_combine(const char *upper, const char *lower)
{
    const cb_entry *ue = cb_find(upper), *le = cb_find(lower);
    if (!ue || !le)
        return NULL;
    const int32_t u = ue->comp;
    int32_t l = le->comp;
    const int us = DY_COMP_STANCE(u);

    if (us == DY_ST_SAY) /* statements pass the stated event through */
        return u == cb_say ? le->code : NULL;
    if (us == DY_ST_REJECT && l == cb_say) /* "refused to comment" */
        return dy_code_canon("011");
    /* Transparent lower stances: "urged B to agree to free" is an appeal to
     * free; a protest "demanding" reform is a protest for reform. */
    if (l == cb_say || DY_COMP_STANCE(l) == DY_ST_INTEND ||
        (us == DY_ST_PROTEST && (DY_COMP_STANCE(l) == DY_ST_APPEAL || DY_COMP_STANCE(l) == DY_ST_DEMAND)))
        l &= ~DY_COMP(0, 0xF, 0, 0, 0);

    switch (us) {
    case DY_ST_APPEAL:
    case DY_ST_DEMAND:
    case DY_ST_REJECT:
    case DY_ST_DISAPPROVE:
        if (us == DY_ST_DISAPPROVE && !DY_COMP_STANCE(l) && cb_hostile(l)) /* accuse of aggression */
            return cb_ladder(us, cb_merge(u, l), DY_COMP_FORM(l), DY_COMP_FORM(u));
        return cb_cooperative(us, u, l, ue->code);
    case DY_ST_INTEND:
        if (DY_COMP_STANCE(l) == DY_ST_REJECT) /* "decided to refuse": the refusal */
            return le->code;
        if (cb_hostile(l)) /* "vowed to attack" is a threat */
            return cb_threaten(CB_STANCE_ONLY(DY_ST_THREATEN), l, dy_code_canon("130"));
        return cb_cooperative(us, u, l, ue->code);
    case DY_ST_THREATEN:
        if (!strcmp(ue->code, "139")) /* an ultimatum stays an ultimatum */
            return ue->code;
        return cb_threaten(u, l, ue->code);
    case DY_ST_PROTEST:
        if (DY_COMP_STANCE(l) || DY_COMP_ACTION(l) != DY_AC_POLCHANGE)
            return ue->code;
        return cb_ladder(us, cb_merge(u, l), DY_COMP_FORM(l), DY_COMP_FORM(u));
    default: /* acts (attack, meet, release), posture, coercion, inquiry */
        return NULL;
    }
}

const char *dy_code_negate(const char *code)
{
    const cb_entry *e = cb_find(code);
    if (!e)
        return NULL;
    int32_t c = e->comp;
    if (c == cb_say) /* "would not comment" */
        return dy_code_canon("011");
    if (DY_COMP_STANCE(c) == DY_ST_INTEND) /* "did not agree to free" = refused to free */
        c &= ~DY_COMP(0, 0xF, 0, 0, 0);
    if (DY_COMP_STANCE(c) || cb_hostile(c))
        return NULL;
    return cb_ladder(DY_ST_REJECT, CB_REST(c), DY_COMP_FORM(c), 0);
}

/* Words that announce the subject's own future act, sorted for bsearch. */
static const char *const cb_modals[] = {
    "'D", "'LL", "AIM", "AIMS", "GOING", "INTEND", "INTENDED", "INTENDING", "INTENDS",
    "PLAN", "PLANNED", "PLANNING", "PLANS", "PREPARED", "READY", "SHALL", "WANT", "WANTED",
    "WANTS", "WILL", "WILLING", "WO", "WOULD",
};

static int cb_cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

const char *dy_code_modal(const char *modal_word, const char *code)
{
    if (!modal_word || !bsearch(modal_word, cb_modals, CB_N(cb_modals), sizeof(cb_modals[0]), cb_cmp_word))
        return NULL;
    const cb_entry *e = cb_find(code);
    if (!e)
        return NULL;
    const int32_t c = e->comp;
    switch (DY_COMP_STANCE(c)) {
    case DY_ST_INTEND: /* "will agree to": still an intent */
    case DY_ST_REJECT: /* "will refuse": refusing is itself the act */
        return e->code;
    case 0:
    case DY_ST_COERCE:
    case DY_ST_PROTEST:
    case DY_ST_POSTURE:
        if (cb_hostile(c))
            return cb_threaten(CB_STANCE_ONLY(DY_ST_THREATEN), c, dy_code_canon("130"));
        return cb_ladder(DY_ST_INTEND, CB_REST(c), DY_COMP_FORM(c), 0);
    default: /* "will say", "will demand", "will threaten": not yet an event */
        return NULL;
    }
}
