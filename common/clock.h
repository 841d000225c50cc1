#ifndef ROTWIZ_COMMON_CLOCK_H
#define ROTWIZ_COMMON_CLOCK_H

/*
 * Milliseconds on the monotonic clock: for time-outs and waits, which must
 * not jump when the wall clock is set.  Not a date.
 */
long long rw_monotonic_ms(void);
/* The same clock in microseconds: for measuring. */
long long rw_monotonic_us(void);

#endif
