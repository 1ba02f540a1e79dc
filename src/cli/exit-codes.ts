/** Exit codes are a contract (README, DESIGN §9); they are chosen here and nowhere else. */
export const EXIT_OK = 0;
/** `check` only: an error-level threshold was breached. */
export const EXIT_BREACH = 1;
/** No trustworthy result: usage, config, input or output error, or an internal crash. */
export const EXIT_UNTRUSTED = 2;
