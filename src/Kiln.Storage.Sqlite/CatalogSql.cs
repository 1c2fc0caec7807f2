namespace Kiln.Storage.Sqlite;

/// <summary>
/// The catalog's schema and statements. Times are Unix milliseconds; lists (roles, entitlements, packages) and
/// appliance definitions are JSON text. Ids use AUTOINCREMENT so a deleted object's id is never given again (a stale
/// URL or job cannot reach a newer object). Every change sets <c>last_modified</c> and bumps <c>revision</c>.
/// </summary>
internal static class CatalogSql
{
    public const string Component = "catalog";

    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            login TEXT NOT NULL UNIQUE,
            email TEXT,
            password_hash TEXT NOT NULL,
            api_key TEXT NOT NULL UNIQUE,
            api_secret TEXT NOT NULL,
            roles TEXT NOT NULL,
            active INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE TABLE roles (
            name TEXT PRIMARY KEY,
            entitlements TEXT NOT NULL
        );
        CREATE TABLE appliances (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL,
            definition TEXT NOT NULL,
            has_os_profile INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX appliances_owner ON appliances (owner, id);
        CREATE TABLE images (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL,
            appliance_id INTEGER NOT NULL REFERENCES appliances (id) ON DELETE CASCADE,
            target_format TEXT NOT NULL,
            format TEXT NOT NULL,
            compress INTEGER NOT NULL,
            definition TEXT NOT NULL,
            job_id TEXT,
            state TEXT NOT NULL CHECK (state IN ('queued', 'generating', 'complete', 'error', 'cancelled')),
            percentage INTEGER NOT NULL,
            message TEXT NOT NULL,
            error_message TEXT,
            detailed_error TEXT,
            artefact_blob_key TEXT,
            artefact_file_name TEXT,
            artefact_size INTEGER,
            artefact_sha256 TEXT,
            packages TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX images_owner ON images (owner, id);
        CREATE INDEX images_appliance ON images (appliance_id, id);
        CREATE TABLE download_tickets (
            id_hash BLOB PRIMARY KEY,
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            expires_at INTEGER NOT NULL,
            used INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX download_tickets_image ON download_tickets (image_id);
        CREATE INDEX download_tickets_expiry ON download_tickets (expires_at)
        """,
        // 2: imported images (no appliance, no definition, the source URL) and labels given through CIMI. SQLite cannot
        // relax NOT NULL in place: the table is rebuilt, keeping ids, the id sequence (ids are never reused) and tickets.
        """
        CREATE TABLE images_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL,
            appliance_id INTEGER REFERENCES appliances (id) ON DELETE CASCADE,
            target_format TEXT NOT NULL,
            format TEXT NOT NULL,
            compress INTEGER NOT NULL,
            definition TEXT,
            source TEXT,
            label_name TEXT,
            label_description TEXT,
            label_properties TEXT NOT NULL DEFAULT '{}',
            job_id TEXT,
            state TEXT NOT NULL CHECK (state IN ('queued', 'generating', 'complete', 'error', 'cancelled')),
            percentage INTEGER NOT NULL,
            message TEXT NOT NULL,
            error_message TEXT,
            detailed_error TEXT,
            artefact_blob_key TEXT,
            artefact_file_name TEXT,
            artefact_size INTEGER,
            artefact_sha256 TEXT,
            packages TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        INSERT INTO images_v2 (id, owner, appliance_id, target_format, format, compress, definition, job_id, state, percentage,
            message, error_message, detailed_error, artefact_blob_key, artefact_file_name, artefact_size, artefact_sha256, packages,
            created_at, last_modified, revision)
        SELECT id, owner, appliance_id, target_format, format, compress, definition, job_id, state, percentage,
            message, error_message, detailed_error, artefact_blob_key, artefact_file_name, artefact_size, artefact_sha256, packages,
            created_at, last_modified, revision
        FROM images;
        DELETE FROM sqlite_sequence WHERE name = 'images_v2';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'images_v2', seq FROM sqlite_sequence WHERE name = 'images';
        CREATE TEMP TABLE download_tickets_kept AS SELECT * FROM download_tickets;
        DROP TABLE images;
        ALTER TABLE images_v2 RENAME TO images;
        INSERT INTO download_tickets SELECT * FROM download_tickets_kept;
        DROP TABLE download_tickets_kept;
        CREATE INDEX images_owner ON images (owner, id);
        CREATE INDEX images_appliance ON images (appliance_id, id);
        CREATE INDEX images_unfinished ON images (state) WHERE state IN ('queued', 'generating')
        """,
        // 3: the virtual size of an image's disk (what a machine sees), shown by CIMI.
        "ALTER TABLE images ADD COLUMN artefact_virtual_size INTEGER",
        // 4: a number every change to an appliance or an image bumps, in the change's own transaction (triggers, so a
        // process of an older release bumps it too): a process keeping something made of them (a rendered list) can
        // tell whether it still holds, whichever process changed the catalog. A migration that rebuilds either table
        // must create its triggers again.
        """
        CREATE TABLE images_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO images_version (id, version) VALUES (1, 0);
        CREATE TRIGGER images_version_on_image_insert AFTER INSERT ON images BEGIN UPDATE images_version SET version = version + 1; END;
        CREATE TRIGGER images_version_on_image_update AFTER UPDATE ON images BEGIN UPDATE images_version SET version = version + 1; END;
        CREATE TRIGGER images_version_on_image_delete AFTER DELETE ON images BEGIN UPDATE images_version SET version = version + 1; END;
        CREATE TRIGGER images_version_on_appliance_insert AFTER INSERT ON appliances BEGIN UPDATE images_version SET version = version + 1; END;
        CREATE TRIGGER images_version_on_appliance_update AFTER UPDATE ON appliances BEGIN UPDATE images_version SET version = version + 1; END;
        CREATE TRIGGER images_version_on_appliance_delete AFTER DELETE ON appliances BEGIN UPDATE images_version SET version = version + 1; END
        """,
        // 5: what a status shows, in an index that holds all of it. In the table, created_at, last_modified and revision
        // come after packages (tens of KiB on overflow pages), which every status poll would otherwise walk through.
        """
        CREATE INDEX images_status ON images (id, owner, appliance_id, state, percentage, message, error_message, detailed_error,
            created_at, last_modified, revision)
        """,
    ];

    // Users. The column lists end with the stamp (created_at, last_modified, revision), read by the same helper.
    private const string UserColumns =
        "id, login, email, password_hash, api_key, api_secret, roles, active, created_at, last_modified, revision";

    public const string CreateUser = $"""
        INSERT INTO users (login, email, password_hash, api_key, api_secret, roles, active, created_at, last_modified, revision)
        VALUES ($login, $email, $password_hash, $api_key, $api_secret, $roles, 1, $now, $now, 1)
        RETURNING {UserColumns}
        """;

    public const string FindUser = $"SELECT {UserColumns} FROM users WHERE login = $login";

    public const string FindUserByApiKey = $"SELECT {UserColumns} FROM users WHERE api_key = $api_key";

    public const string ListUsers = $"SELECT {UserColumns} FROM users ORDER BY id";

    /// <summary>The login is not saved: it names the user everywhere (owners are logins).</summary>
    public const string UpdateUser = $"""
        UPDATE users SET email = $email, password_hash = $password_hash, api_key = $api_key, api_secret = $api_secret,
            roles = $roles, active = $active, last_modified = $now, revision = revision + 1
        WHERE id = $id AND revision = $revision
        RETURNING {UserColumns}
        """;

    public const string UserRevision = "SELECT revision FROM users WHERE id = $id";

    // Roles.
    public const string PutRole =
        "INSERT INTO roles (name, entitlements) VALUES ($name, $entitlements) ON CONFLICT (name) DO UPDATE SET entitlements = excluded.entitlements";

    public const string ListRoles = "SELECT name, entitlements FROM roles ORDER BY name";

    // Appliances. Every statement names the owner: another user's appliance is not found.
    private const string ApplianceColumns = "id, owner, definition, has_os_profile, created_at, last_modified, revision";

    public const string CreateAppliance = $"""
        INSERT INTO appliances (owner, definition, has_os_profile, created_at, last_modified, revision)
        VALUES ($owner, $definition, $has_os_profile, $now, $now, 1)
        RETURNING {ApplianceColumns}
        """;

    public const string GetAppliance = $"SELECT {ApplianceColumns} FROM appliances WHERE id = $id AND owner = $owner";

    public const string ListAppliances = $"SELECT {ApplianceColumns} FROM appliances WHERE owner = $owner ORDER BY id";

    public const string UpdateAppliance = $"""
        UPDATE appliances SET definition = $definition, has_os_profile = $has_os_profile, last_modified = $now, revision = revision + 1
        WHERE id = $id AND owner = $owner AND revision = $revision
        RETURNING {ApplianceColumns}
        """;

    public const string ApplianceRevision = "SELECT revision FROM appliances WHERE id = $id AND owner = $owner";

    /// <summary>Its images go with it, and their tickets (ON DELETE CASCADE).</summary>
    public const string DeleteAppliance = "DELETE FROM appliances WHERE id = $id AND owner = $owner";

    // Images. A final status (complete, error, cancelled) is never changed: the condition is in the UPDATE itself.
    private const string ImageColumnsBeforePackages = """
        id, owner, appliance_id, target_format, format, compress, definition, source, label_name, label_description, label_properties,
        job_id, state, percentage, message,
        error_message, detailed_error, artefact_blob_key, artefact_file_name, artefact_size, artefact_sha256, artefact_virtual_size
        """;

    private const string ImageColumns = ImageColumnsBeforePackages + ", packages, created_at, last_modified, revision";

    /// <summary>Lists leave the installed packages out (hundreds per image, read only by the pkgs call): an empty list stands for them.</summary>
    private const string ImageListColumns = ImageColumnsBeforePackages + ", '[]' AS packages, created_at, last_modified, revision";

    private const string NotFinal = "state NOT IN ('complete', 'error', 'cancelled')";

    /// <summary>Inserts nothing unless the appliance exists and belongs to the image's owner.</summary>
    public const string CreateImage = $"""
        INSERT INTO images (owner, appliance_id, target_format, format, compress, definition, state, percentage, message,
            packages, created_at, last_modified, revision)
        SELECT $owner, id, $target_format, $format, $compress, $definition, $state, $percentage, $message, '[]', $now, $now, 1
        FROM appliances WHERE id = $appliance_id AND owner = $owner
        RETURNING {ImageColumns}
        """;

    /// <summary>An import has no appliance: its owner is enough.</summary>
    public const string CreateImport = $"""
        INSERT INTO images (owner, appliance_id, target_format, format, compress, definition, source, label_name, label_description,
            label_properties, state, percentage, message, packages, created_at, last_modified, revision)
        VALUES ($owner, NULL, '', '', 1, NULL, $source, $label_name, $label_description, $label_properties, $state, $percentage, $message,
            '[]', $now, $now, 1)
        RETURNING {ImageColumns}
        """;

    public const string GetImage = $"SELECT {ImageColumns} FROM images WHERE id = $id AND owner = $owner";

    public const string GetImageById = $"SELECT {ImageColumns} FROM images WHERE id = $id";

    public const string ListImages = $"SELECT {ImageListColumns} FROM images WHERE owner = $owner ORDER BY id";

    public const string ListApplianceImages =
        $"SELECT {ImageListColumns} FROM images WHERE owner = $owner AND appliance_id = $appliance_id ORDER BY id";

    public const string ListUnfinishedImages = $"SELECT {ImageListColumns} FROM images WHERE {NotFinal} ORDER BY id";

    /// <summary>
    /// What a status poll shows, and nothing it does not, read by position. From the index alone (migration 5): on an
    /// id SQLite would otherwise go to the table's row.
    /// </summary>
    public const string GetImageStatus = """
        SELECT id, owner, appliance_id, state, percentage, message, error_message, detailed_error, created_at, last_modified, revision
        FROM images INDEXED BY images_status WHERE id = $id AND owner = $owner
        """;

    public const string ImagesVersion = "SELECT version FROM images_version";

    public const string SetImageJob = $"""
        UPDATE images SET job_id = $job_id, last_modified = $now, revision = revision + 1
        WHERE id = $id
        RETURNING {ImageColumns}
        """;

    public const string UpdateImageStatus = $"""
        UPDATE images SET state = $state, percentage = $percentage, message = $message, error_message = $error_message,
            detailed_error = $detailed_error, last_modified = $now, revision = revision + 1
        WHERE id = $id AND {NotFinal}
        RETURNING {ImageColumns}
        """;

    public const string CompleteImage = $"""
        UPDATE images SET state = $state, percentage = $percentage, message = $message, error_message = NULL,
            detailed_error = NULL, artefact_blob_key = $blob_key, artefact_file_name = $file_name, artefact_size = $size,
            artefact_sha256 = $sha256, artefact_virtual_size = $virtual_size, packages = $packages, last_modified = $now, revision = revision + 1
        WHERE id = $id AND {NotFinal}
        RETURNING {ImageColumns}
        """;

    public const string CompleteImport = $"""
        UPDATE images SET state = $state, percentage = $percentage, message = $message, error_message = NULL,
            detailed_error = NULL, format = $format, artefact_blob_key = $blob_key, artefact_file_name = $file_name,
            artefact_size = $size, artefact_sha256 = $sha256, artefact_virtual_size = $virtual_size, last_modified = $now, revision = revision + 1
        WHERE id = $id AND {NotFinal}
        RETURNING {ImageColumns}
        """;

    public const string UpdateImageLabel = $"""
        UPDATE images SET label_name = $label_name, label_description = $label_description, label_properties = $label_properties,
            last_modified = $now, revision = revision + 1
        WHERE id = $id AND owner = $owner AND revision = $revision
        RETURNING {ImageColumns}
        """;

    public const string ImageRevision = "SELECT revision FROM images WHERE id = $id AND owner = $owner";

    /// <summary>Its tickets go with it (ON DELETE CASCADE).</summary>
    public const string DeleteImage = "DELETE FROM images WHERE id = $id AND owner = $owner";

    // Download tickets: only the SHA-256 of a ticket id is stored, so the table alone cannot download anything.
    /// <summary>Inserts nothing unless the image exists.</summary>
    public const string IssueTicket = """
        INSERT INTO download_tickets (id_hash, image_id, expires_at)
        SELECT $id_hash, id, $expires_at FROM images WHERE id = $image_id
        """;

    /// <summary>Expired tickets can never be redeemed: forgetting them keeps the table small.</summary>
    public const string PurgeExpiredTickets = "DELETE FROM download_tickets WHERE expires_at <= $now";

    public const string CheckTicket = "SELECT image_id FROM download_tickets WHERE id_hash = $id_hash AND used = 0 AND expires_at > $now";

    /// <summary>One statement checks and uses the ticket, so of two redeemers exactly one gets a row back.</summary>
    public const string RedeemTicket = """
        UPDATE download_tickets SET used = 1
        WHERE id_hash = $id_hash AND used = 0 AND expires_at > $now
        RETURNING image_id
        """;
}
