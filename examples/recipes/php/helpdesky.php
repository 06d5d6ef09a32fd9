<?php
// Helpdesky identity for a PHP backend (Laravel, Symfony): the same bytes as
// helpdesky-react/server's signEmail. Copy helpdesky_identity; it needs the mbstring extension.
// docs/server.md shows it with a Laravel route; test/server/vectors.test.ts runs this file.

// Exactly what JavaScript's trim() strips (PHP's trim() and PCRE's \s differ: U+FEFF, U+0085, NUL).
const JS_WHITESPACE = '[\t\n\x0B\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]';
const JS_TRIM = '/\A' . JS_WHITESPACE . '+|' . JS_WHITESPACE . '+\z/u';

function helpdesky_identity(string $email): array {
    $normalized = mb_strtolower(preg_replace(JS_TRIM, '', $email), 'UTF-8');
    $secret = preg_replace(JS_TRIM, '', getenv('HELPDESKY_HMAC_SECRET'));
    return [
        'email' => $normalized,
        'signature' => hash_hmac('sha256', $normalized, $secret),
        'helpdeskId' => preg_replace(JS_TRIM, '', getenv('HELPDESKY_HELPDESK_ID')),
    ];
}

// For the tests: reads [{ "secret", "rawEmail" }, ...] on stdin, prints the identities as JSON.
if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME']) === __FILE__) {
    $identities = [];
    foreach (json_decode(file_get_contents('php://stdin'), true, 512, JSON_THROW_ON_ERROR) as $vector) {
        putenv('HELPDESKY_HMAC_SECRET=' . $vector['secret']);
        $identities[] = helpdesky_identity($vector['rawEmail']);
    }
    echo json_encode($identities, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
}
