using Kiln.Catalog.Tests.Support;
using Kiln.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kiln.Catalog.Tests;

/// <summary>The SQLite machine store: the contract, and what only a database file has (reopening, sharing with the catalog, the schema).</summary>
public sealed class SqliteMachineStoreTests : MachineStoreContract, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override IMachineStore CreateStore(TimeProvider time) => new SqliteMachineStore(new SqliteDatabase(_database.Path), time);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_machines_survive_reopening_the_database()
    {
        var store = CreateStore(Time);
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        machine = (await store.TransitionMachineAsync(machine.Id, [MachineState.Creating], MachineState.Started, "up", Process(), default))!.Machine;
        var config = await store.CreateConfigAsync(NewConfig(null), default);
        var template = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("t", "d", ("k", "v")), config.Id, ImageId), default);
        SqliteConnection.ClearAllPools();

        var reopened = CreateStore(Time);

        AssertSameMachine(machine, await reopened.GetMachineAsync(Alice, machine.Id, default));
        AssertSameConfig(config, await reopened.GetConfigAsync(Bob, config.Id, default));
        AssertSameTemplate(template, await reopened.GetTemplateAsync(Alice, template.Id, default));
    }

    [Fact]
    public async Task Opening_twice_applies_each_migration_once()
    {
        await CreateStore(Time).CreateMachineAsync(NewMachine(Alice), default);
        CreateStore(Time);

        var versions = Rows("SELECT version FROM kiln_migrations WHERE component = 'machines' ORDER BY version");

        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions.Select(r => (long)r["version"]));
        Assert.Single(await CreateStore(Time).ListAllMachinesAsync(default));
    }

    [Fact]
    public async Task A_database_made_by_the_catalog_store_takes_the_machine_store_too()
    {
        var catalog = new SqliteCatalogStore(new SqliteDatabase(_database.Path), Time);
        var appliance = await catalog.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        var image = await catalog.CreateImageAsync(Samples.Image(appliance), default);

        var machines = CreateStore(Time);
        var machine = await machines.CreateMachineAsync(NewMachine(Alice, imageId: image.Id), default);

        Assert.Equal(image.Id, (await machines.GetMachineAsync(Alice, machine.Id, default))!.ImageId);
        // The machine store holds no foreign key into the catalog: removing the image is the caller's decision.
        Assert.True(await catalog.DeleteImageAsync(Alice, image.Id, default));
        AssertSameMachine(machine, await machines.GetMachineAsync(Alice, machine.Id, default));
        Assert.Single(await new SqliteCatalogStore(new SqliteDatabase(_database.Path), Time).ListAppliancesAsync(Alice, default));
    }

    [Fact]
    public async Task A_database_made_by_the_machine_store_takes_the_catalog_store_too()
    {
        var machines = CreateStore(Time);
        var machine = await machines.CreateMachineAsync(NewMachine(Alice), default);

        var catalog = new SqliteCatalogStore(new SqliteDatabase(_database.Path), Time);
        var appliance = await catalog.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        var image = await catalog.CreateImageAsync(Samples.Image(appliance), default);

        Samples.AssertSameImage(image, await catalog.GetImageAsync(Alice, image.Id, default));
        AssertSameMachine(machine, await CreateStore(Time).GetMachineAsync(Alice, machine.Id, default));
        Assert.Equal(["catalog", "machines"], Rows("SELECT DISTINCT component FROM kiln_migrations ORDER BY component").Select(r => (string)r["component"]));
    }

    [Fact]
    public async Task Of_transitions_through_two_stores_on_one_file_exactly_one_wins()
    {
        const int Attempts = 20;
        var first = CreateStore(TimeProvider.System);
        var second = CreateStore(TimeProvider.System);

        for (var round = 0; round < 5; round++)
        {
            var machine = await first.CreateMachineAsync(NewMachine(Alice), default);

            var results = await RaceAsync(Attempts, i => (i % 2 == 0 ? first : second).TransitionMachineAsync(
                machine.Id, [MachineState.Creating], MachineState.Stopped, null, null, default));

            Assert.Single(results, r => r!.Applied);
            Assert.Equal(2, (await second.GetMachineByIdAsync(machine.Id, default))!.Stamp.Revision);
        }
    }

    [Fact]
    public async Task States_are_kept_as_lower_case_text_and_label_properties_as_json()
    {
        var store = CreateStore(Time);
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        await store.TransitionMachineAsync(machine.Id, [MachineState.Creating], MachineState.Capturing, null, Process(77), default);

        var row = Assert.Single(Rows("SELECT state, label_properties, host, pid, process_start, last_modified FROM machines"));

        Assert.Equal("capturing", row["state"]);
        // JSON text other tools can read; its escaping of non-ASCII characters is the serializer's business.
        var properties = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>((string)row["label_properties"]);
        AssertSameLabel(machine.Label, machine.Label with { Properties = properties! });
        Assert.Equal(Process(77), new MachineProcess((string)row["host"], (int)(long)row["pid"], (long)row["process_start"]));
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), row["last_modified"]);
    }

    [Fact]
    public async Task The_schema_refuses_an_unknown_state_and_a_process_known_only_in_part()
    {
        var store = CreateStore(Time);
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        Assert.Throws<SqliteException>(() => Rows($"UPDATE machines SET state = 'Started' WHERE id = {machine.Id}"));
        Assert.Throws<SqliteException>(() => Rows($"UPDATE machines SET pid = 12 WHERE id = {machine.Id}"));
        Assert.Throws<SqliteException>(() => Rows($"UPDATE machines SET host = 'node-1', pid = 12 WHERE id = {machine.Id}"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.TransitionMachineAsync(machine.Id, [MachineState.Creating], (MachineState)42, null, null, default));

        AssertSameMachine(machine, await store.GetMachineByIdAsync(machine.Id, default));
    }

    private List<Dictionary<string, object>> Rows(string sql)
    {
        using var connection = new SqliteDatabase(_database.Path).Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
        return rows;
    }
}
