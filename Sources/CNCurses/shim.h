#ifndef LENET_CNCURSES_SHIM_H
#define LENET_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stddef.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Static inline wrappers for what Swift cannot import from curses.h: function-like macros
   (COLOR_PAIR, getmaxyx, the A_* attribute bits), octal key-code macros, and C globals that
   Swift 6 would treat as unsafe shared mutable state (stdscr, COLORS, COLOR_PAIRS). */

static inline WINDOW *lenet_stdscr(void) { return stdscr; }

/* newterm on the process's stdout/stdin with $TERM; NULL (instead of exiting, like initscr) on failure. */
static inline SCREEN *lenet_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int lenet_colors(void) { return COLORS; }
static inline int lenet_color_pairs(void) { return COLOR_PAIRS; }

static inline void lenet_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

static inline attr_t lenet_a_normal(void) { return A_NORMAL; }
static inline attr_t lenet_a_bold(void) { return A_BOLD; }
static inline attr_t lenet_a_dim(void) { return A_DIM; }
static inline attr_t lenet_a_reverse(void) { return A_REVERSE; }

/* Sets the window's attributes and colour pair (pairs above 255 work, unlike COLOR_PAIR in a chtype). */
static inline int lenet_set_attributes(WINDOW *win, attr_t attributes, short pair) {
    return wattr_set(win, attributes, pair, NULL);
}

/* The locale's character encoding name ("UTF-8", "ANSI_X3.4-1968", ...), after setlocale. */
static inline const char *lenet_codeset(void) { return nl_langinfo(CODESET); }

/* Columns a character takes in the current locale (-1 unprintable); glibc hides wcwidth without _XOPEN_SOURCE. */
extern int wcwidth(wchar_t c);
static inline int lenet_wcwidth(int c) { return wcwidth((wchar_t)c); }

/* Key codes (octal macros). */
static inline int lenet_key_resize(void) { return KEY_RESIZE; }
static inline int lenet_key_up(void) { return KEY_UP; }
static inline int lenet_key_down(void) { return KEY_DOWN; }
static inline int lenet_key_left(void) { return KEY_LEFT; }
static inline int lenet_key_right(void) { return KEY_RIGHT; }
static inline int lenet_key_ppage(void) { return KEY_PPAGE; }
static inline int lenet_key_npage(void) { return KEY_NPAGE; }
static inline int lenet_key_home(void) { return KEY_HOME; }
static inline int lenet_key_end(void) { return KEY_END; }
static inline int lenet_key_enter(void) { return KEY_ENTER; }
static inline int lenet_key_backspace(void) { return KEY_BACKSPACE; }
static inline int lenet_key_f0(void) { return KEY_F0; }

/* Key codes the driver binds to the mouse reports' introducers (above every code curses defines). */
static inline int lenet_key_sgr_mouse(void) { return KEY_MAX + 1; }
static inline int lenet_key_x10_mouse(void) { return KEY_MAX + 2; }

/* Makes curses return lenet_key_sgr_mouse() for ESC [ < (an SGR mouse report's introducer; the
   parameters then arrive as characters) and lenet_key_x10_mouse() for ESC [ M (a legacy report, three
   bytes follow), whatever the terminfo entry's kmous says (\E[< for xterm, \E[M for tmux and screen, or
   none): without it, the report's bytes would reach the dashboard as Escape, [, <, digits and M. */
static inline void lenet_bind_mouse_keys(void) {
    define_key("\033[<", 0);
    define_key("\033[M", 0);
    define_key("\033[<", KEY_MAX + 1);
    define_key("\033[M", KEY_MAX + 2);
}

/* Sets how long wget_wch waits for input (milliseconds; negative: forever). */
static inline void lenet_set_timeout(WINDOW *win, int milliseconds) { wtimeout(win, milliseconds); }

/* Reads one key with the window's timeout.
   Returns 0 when nothing arrived (timeout or interrupted), 1 for a character (stored in *code),
   2 for a function key (KEY_* code stored in *code). */
static inline int lenet_read_key(WINDOW *win, int *code) {
    wint_t value = 0;
    int result = wget_wch(win, &value);
    if (result == ERR) { *code = 0; return 0; }
    *code = (int)value;
    return result == KEY_CODE_YES ? 2 : 1;
}

#endif
