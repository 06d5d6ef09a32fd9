<?php
// Helpdesky identity for a PHP backend (Laravel, Symfony): the same bytes as
// helpdesky-react/server's signEmail. Copy helpdesky_identity; it needs the mbstring extension.
// docs/server.md shows it with a Laravel route; test/server/vectors.test.ts runs this file.

function helpdesky_identity(string $email): array {
    $normalized = mb_strtolower(preg_replace('/^\s+|\s+$/u', '', $email), 'UTF-8');
    $secret = trim(getenv('HELPDESKY_HMAC_SECRET'));
    return [
        'email' => $normalized,
        'signature' => hash_hmac('sha256', $normalized, $secret),
        'helpdeskId' => trim(getenv('HELPDESKY_HELPDESK_ID')),
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
