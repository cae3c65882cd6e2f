/* combine.h — CAMEO verb-combination algebra.
 *
 * When one verb governs another ("A agreed to release the hostages", "A
 * threatened to attack B", "A refused to negotiate", "A did not help B"),
 * the event is neither verb's own code but a combination of the two. Every
 * CAMEO code has a composition (data/combine/cameo-comp.tsv): a stance
 * (say, appeal, intend, demand, ...), a mode (reduce, yield), an action
 * (meet, aid, fight, ...) and a specifier (leadership, release, ...), plus a
 * form digit that only separates siblings. Combining merges the governing
 * verb's stance with the governed verb's action and maps the result back to
 * the most specific CAMEO code that exists. docs/combination.md has the rules.
 *
 * All functions are pure: they read static tables, never allocate, and
 * return pointers to static strings (or NULL). Codes are CAMEO digit strings
 * ("0841"); a two-digit root ("03") is read as its "x0" code ("030").
 */
#ifndef DY_COMBINE_H
#define DY_COMBINE_H

#include <stdint.h>

/* Composition digits, from the least significant: specifier, action, mode,
 * stance, form. DY_COMP(form, stance, mode, action, spec) builds one. */
#define DY_COMP(f, s, m, a, p) \
    ((int32_t)(((f) << 16) | ((s) << 12) | ((m) << 8) | ((a) << 4) | (p)))
#define DY_COMP_FORM(c) (((c) >> 16) & 0xF)
#define DY_COMP_STANCE(c) (((c) >> 12) & 0xF)
#define DY_COMP_MODE(c) (((c) >> 8) & 0xF)
#define DY_COMP_ACTION(c) (((c) >> 4) & 0xF)
#define DY_COMP_SPEC(c) ((c) & 0xF)

enum { /* stance */
    DY_ST_SAY = 1, DY_ST_APPEAL = 2, DY_ST_INTEND = 3, DY_ST_DEMAND = 4, DY_ST_PROTEST = 5,
    DY_ST_THREATEN = 6, DY_ST_DISAPPROVE = 7, DY_ST_POSTURE = 8, DY_ST_COERCE = 9,
    DY_ST_INVESTIGATE = 0xA, DY_ST_REJECT = 0xC
};
enum { /* mode */
    DY_MO_REDUCE = 1, DY_MO_YIELD = 2
};
enum { /* action */
    DY_AC_MEET = 1, DY_AC_SETTLE = 2, DY_AC_MEDIATE = 3, DY_AC_AID = 4, DY_AC_EXPEL = 5,
    DY_AC_POLCHANGE = 6, DY_AC_MATCOOP = 7, DY_AC_DIPCOOP = 8, DY_AC_ASSAULT = 9,
    DY_AC_FIGHT = 0xA, DY_AC_MASSVIOL = 0xB
};
enum { /* specifier */
    DY_SP_LEADERSHIP = 1, DY_SP_POLICY = 2, DY_SP_RIGHTS = 3, DY_SP_REGIME = 4,
    DY_SP_ECONOMIC = 5, DY_SP_MILITARY = 6, DY_SP_HUMANITARIAN = 7, DY_SP_JUDICIAL = 8,
    DY_SP_PEACEKEEPING = 9, DY_SP_INTELLIGENCE = 0xA, DY_SP_ADMIN = 0xB, DY_SP_DISSENT = 0xC,
    DY_SP_RELEASE = 0xD, DY_SP_INTERNATIONAL = 0xE, DY_SP_DEESCALATE = 0xF
};

/* The composition of a CAMEO code. Returns 1 and sets *comp, or 0 when the
 * code is unknown (comp untouched). */
int dy_code_to_comp(const char *code, int32_t *comp);

/* The CAMEO code of an exact composition, or NULL when none has it. */
const char *dy_code_from_comp(int32_t comp);

/* The canonical static string for a known code ("03" -> "030"), or NULL. */
const char *dy_code_canon(const char *code);

/* The code for `upper` governing `lower` ("030" + "0841" -> "0353",
 * "130" + "190" -> "1384", "120" + "040" -> "125", "010" + X -> X).
 * NULL means no combination: the upper verb does not govern events (an
 * action such as "190", or a statement other than "010"), or a code is
 * unknown; the caller keeps the events separate. A stance verb (appeal,
 * intend, demand, reject, threaten, protest, disapprove) never yields NULL
 * for known codes: when the lower verb adds nothing CAMEO can express, the
 * answer is the upper code itself or its stance's root. */
const char *dy_code_combine(const char *upper, const char *lower);

/* "A did not / will not X": the refusal code for cooperative X ("040" ->
 * "125", "0841" -> "1243", "0353" -> "1243", "010" -> "011"). NULL when
 * the negation is not an event ("did not attack", "did not demand"). */
const char *dy_code_negate(const char *code);

/* "A will / would / plans to X": express intent (03x) for cooperative X,
 * threaten (13x) for hostile X ("WILL" + "190" -> "1384", "WILL" + "0841"
 * -> "0353", "WILL" + "040" -> "036"). modal_word is the folded upper-case
 * word (WILL, WOULD, SHALL, 'LL, WO, PLANS, INTENDS, READY, ...). NULL when
 * the word is not an intent modal or X has no intent or threat reading. */
const char *dy_code_modal(const char *modal_word, const char *code);

#endif
