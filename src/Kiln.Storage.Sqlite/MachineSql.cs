namespace Kiln.Storage.Sqlite;

/// <summary>
/// The machine store's schema and statements, a component of its own beside the catalog: the same conventions (Unix
/// milliseconds, label properties as JSON text, AUTOINCREMENT ids so a deleted object's id is never given again, every
/// change sets <c>last_modified</c> and bumps <c>revision</c>). Image ids are plain integers, not foreign keys: the
/// catalog's tables may not exist yet when these migrations run, and a machine runs from its own copy of the image's
/// disk, so the image may go while the machine stays.
/// </summary>
internal static class MachineSql
{
    public const string Component = "machines";

    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE machines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL,
            label_name TEXT,
            label_description TEXT,
            label_properties TEXT NOT NULL DEFAULT '{}',
            image_id INTEGER NOT NULL,
            cpu INTEGER NOT NULL,
            memory_mib INTEGER NOT NULL,
            disk_bytes INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN
                ('creating', 'starting', 'started', 'stopping', 'stopped', 'capturing', 'deleting', 'error')),
            state_message TEXT,
            host TEXT,
            pid INTEGER,
            process_start INTEGER,
            ssh_port INTEGER,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            -- A process is known by all three or not at all: a pid without its start time could name a stranger.
            CHECK ((host IS NULL) = (pid IS NULL) AND (pid IS NULL) = (process_start IS NULL))
        );
        CREATE INDEX machines_owner ON machines (owner, id);
        CREATE TABLE machine_configs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT,
            label_name TEXT,
            label_description TEXT,
            label_properties TEXT NOT NULL DEFAULT '{}',
            cpu INTEGER NOT NULL,
            memory_mib INTEGER NOT NULL,
            disk_bytes INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX machine_configs_owner ON machine_configs (owner, id);
        CREATE TABLE machine_templates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL,
            label_name TEXT,
            label_description TEXT,
            label_properties TEXT NOT NULL DEFAULT '{}',
            config_id INTEGER NOT NULL,
            image_id INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX machine_templates_owner ON machine_templates (owner, id)
        """,
    ];

    // Machines. The column lists end with the stamp (created_at, last_modified, revision), read by one helper.
    private const string MachineColumns = """
        id, owner, label_name, label_description, label_properties, image_id, cpu, memory_mib, disk_bytes,
        state, state_message, host, pid, process_start, ssh_port, created_at, last_modified, revision
        """;

    public const string CreateMachine = $"""
        INSERT INTO machines (owner, label_name, label_description, label_properties, image_id, cpu, memory_mib, disk_bytes,
            state, created_at, last_modified, revision)
        VALUES ($owner, $label_name, $label_description, $label_properties, $image_id, $cpu, $memory_mib, $disk_bytes,
            $state, $now, $now, 1)
        RETURNING {MachineColumns}
        """;

    public const string GetMachine = $"SELECT {MachineColumns} FROM machines WHERE id = $id AND owner = $owner";

    public const string GetMachineById = $"SELECT {MachineColumns} FROM machines WHERE id = $id";

    public const string ListMachines = $"SELECT {MachineColumns} FROM machines WHERE owner = $owner ORDER BY id";

    public const string ListAllMachines = $"SELECT {MachineColumns} FROM machines ORDER BY id";


    /// <summary>
    /// The expected states are a JSON array of names (<c>$expected</c>), so the statement stays one constant however
    /// many there are. The check and the move are this one UPDATE: of two callers from the same state, one gets a row.
    /// </summary>
    public const string TransitionMachine = $"""
        UPDATE machines SET state = $state, state_message = $state_message, host = $host, pid = $pid,
            process_start = $process_start, ssh_port = $ssh_port, last_modified = $now, revision = revision + 1
        WHERE id = $id AND state IN (SELECT value FROM json_each($expected))
        RETURNING {MachineColumns}
        """;

    public const string UpdateMachineLabel = $"""
        UPDATE machines SET label_name = $label_name, label_description = $label_description, label_properties = $label_properties,
            last_modified = $now, revision = revision + 1
        WHERE id = $id AND owner = $owner AND revision = $revision
        RETURNING {MachineColumns}
        """;

    public const string MachineRevision = "SELECT revision FROM machines WHERE id = $id AND owner = $owner";

    public const string DeleteMachine = "DELETE FROM machines WHERE id = $id AND owner = $owner";

    // Configurations. A shared one has no owner: "owner IS NULL" finds it for everybody, "owner = $owner" never does.
    private const string ConfigColumns =
        "id, owner, label_name, label_description, label_properties, cpu, memory_mib, disk_bytes, created_at, last_modified, revision";

    private const string Visible = "(owner IS NULL OR owner = $owner)";

    public const string CreateConfig = $"""
        INSERT INTO machine_configs (owner, label_name, label_description, label_properties, cpu, memory_mib, disk_bytes,
            created_at, last_modified, revision)
        VALUES ($owner, $label_name, $label_description, $label_properties, $cpu, $memory_mib, $disk_bytes, $now, $now, 1)
        RETURNING {ConfigColumns}
        """;

    public const string GetConfig = $"SELECT {ConfigColumns} FROM machine_configs WHERE id = $id AND {Visible}";

    public const string ListConfigs = $"SELECT {ConfigColumns} FROM machine_configs WHERE {Visible} ORDER BY id";

    public const string ListSharedConfigs = $"SELECT {ConfigColumns} FROM machine_configs WHERE owner IS NULL ORDER BY id";

    public const string DeleteConfig = "DELETE FROM machine_configs WHERE id = $id AND owner = $owner";

    // Templates.
    private const string TemplateColumns =
        "id, owner, label_name, label_description, label_properties, config_id, image_id, created_at, last_modified, revision";

    /// <summary>Inserts nothing unless the configuration exists and is shared or the template owner's.</summary>
    public const string CreateTemplate = $"""
        INSERT INTO machine_templates (owner, label_name, label_description, label_properties, config_id, image_id,
            created_at, last_modified, revision)
        SELECT $owner, $label_name, $label_description, $label_properties, id, $image_id, $now, $now, 1
        FROM machine_configs WHERE id = $config_id AND {Visible}
        RETURNING {TemplateColumns}
        """;

    public const string GetTemplate = $"SELECT {TemplateColumns} FROM machine_templates WHERE id = $id AND owner = $owner";

    public const string ListTemplates = $"SELECT {TemplateColumns} FROM machine_templates WHERE owner = $owner ORDER BY id";

    public const string DeleteTemplate = "DELETE FROM machine_templates WHERE id = $id AND owner = $owner";
}
