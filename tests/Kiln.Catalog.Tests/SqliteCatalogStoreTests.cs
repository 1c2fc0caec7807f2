using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog.Tests.Support;
using Kiln.Storage.Sqlite;

namespace Kiln.Catalog.Tests;

/// <summary>The SQLite backend: the contract, and what only a database file has (reopening, sharing, concurrency, the schema).</summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContract, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override ICatalogStore CreateStore(TimeProvider time) => new SqliteCatalogStore(new SqliteDatabase(_database.Path), time);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_catalog_survives_reopening_the_database()
    {
        var store = CreateStore(Time);
        var user = await store.CreateUserAsync(Samples.User(Alice), default);
        await store.PutRoleAsync(new Role("user", [Entitlements.ImageGenerate]), default);
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        var image = await store.CreateImageAsync(Samples.Image(appliance), default);
        image = (await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default))!;
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = CreateStore(Time);

        Samples.AssertSameUser(user, await reopened.FindUserAsync(Alice, default));
        Assert.Equal([Entitlements.ImageGenerate], (await reopened.ListRolesAsync(default)).Single().Entitlements);
        Samples.AssertSameAppliance(appliance, await reopened.GetApplianceAsync(Alice, appliance.Id, default));
        Samples.AssertSameImage(image, await reopened.GetImageAsync(Alice, image.Id, default));
        Assert.Equal(image.Id, await reopened.RedeemDownloadTicketAsync(ticket.Id, default));
    }

    [Fact]
    public async Task Opening_twice_applies_each_migration_once()
    {
        await CreateStore(Time).CreateUserAsync(Samples.User(Alice), default);
        CreateStore(Time);

        using var connection = new SqliteDatabase(_database.Path).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT version), MIN(version), MAX(version) FROM kiln_migrations WHERE component = 'catalog'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetInt64(0) >= 1);
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(1, reader.GetInt64(2));
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(3));
        Assert.Single(await CreateStore(Time).ListUsersAsync(default));
    }

    [Fact]
    public async Task A_catalog_made_before_imports_keeps_its_images_ids_and_tickets_after_the_upgrade()
    {
        // The first version of the schema, as the first release created it, with an image, a deleted image and a ticket.
        using (var connection = new SqliteDatabase(_database.Path).Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = FirstSchema + """
                ;INSERT INTO kiln_migrations (component, version) VALUES ('catalog', 1);
                INSERT INTO appliances (owner, definition, has_os_profile, created_at, last_modified, revision) VALUES ('alice', $definition, 1, 1, 1, 1);
                INSERT INTO images (owner, appliance_id, target_format, format, compress, definition, state, percentage, message, packages,
                    created_at, last_modified, revision) VALUES ('alice', 1, 'QCOW2', 'qcow2', 1, $definition, 'queued', 0, 'queued', '[]', 1, 1, 1);
                INSERT INTO images (owner, appliance_id, target_format, format, compress, definition, state, percentage, message, packages,
                    created_at, last_modified, revision) VALUES ('alice', 1, 'QCOW2', 'qcow2', 1, $definition, 'queued', 0, 'queued', '[]', 1, 1, 1);
                DELETE FROM images WHERE id = 2;
                INSERT INTO download_tickets (id_hash, image_id, expires_at) VALUES ($hash, 1, 9999999999999);
                """;
            command.Parameters.AddWithValue("$definition", Samples.Json(Samples.Definition()));
            command.Parameters.AddWithValue("$hash", SHA256.HashData(Encoding.UTF8.GetBytes("old-ticket")));
            command.ExecuteNonQuery();
        }

        var store = CreateStore(Time);

        var kept = await store.GetImageAsync(Alice, 1, default);
        Assert.Equal(1, kept!.ApplianceId);
        Assert.Equal("web", kept.DisplayName);
        Assert.Null(kept.Source);
        Assert.Equal(1, await store.RedeemDownloadTicketAsync("old-ticket", default));
        var next = await store.CreateImportAsync(Samples.Import(Alice), default);
        Assert.Equal(3, next.Id);
    }

    /// <summary>Migration 1 of the catalog, verbatim: what databases of the first release hold.</summary>
    private static string FirstSchema => CatalogSql.Migrations[0];

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        var first = CreateStore(Time);
        var second = CreateStore(Time);

        var created = await first.CreateUserAsync(Samples.User(Alice), default);
        var seen = await second.FindUserAsync(Alice, default);
        Samples.AssertSameUser(created, seen);
        var changed = await second.UpdateUserAsync(seen! with { Email = "new@example.com" }, default);

        Samples.AssertSameUser(changed, await first.FindUserAsync(Alice, default));
        await Assert.ThrowsAsync<CatalogConflictException>(() => first.UpdateUserAsync(created with { Active = false }, default));

        var appliance = await first.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        var image = await second.CreateImageAsync(Samples.Image(appliance), default);
        await first.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Cancelled, 0, "cancelled"), default);
        Assert.Equal(ImageState.Cancelled, (await second.GetImageAsync(Alice, image.Id, default))!.Status.State);
    }

    [Fact]
    public async Task A_change_made_through_another_store_on_the_file_changes_the_images_version_seen_by_this_one()
    {
        var first = CreateStore(Time);
        var second = CreateStore(Time);
        var (_, image) = await ApplianceAndImageAsync(first);
        var seen = await first.GetImagesVersionAsync(default);

        await second.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 10, "bootstrap"), default);

        Assert.NotEqual(seen, await first.GetImagesVersionAsync(default));
        Assert.Equal(await second.GetImagesVersionAsync(default), await first.GetImagesVersionAsync(default));
    }

    [Fact]
    public void A_status_is_read_from_its_index_alone_never_from_the_row_with_its_packages()
    {
        CreateStore(Time);

        var plan = Rows("EXPLAIN QUERY PLAN " + CatalogSql.GetImageStatus.Replace("$id", "1", StringComparison.Ordinal)
            .Replace("$owner", "'alice'", StringComparison.Ordinal));

        Assert.Contains("USING COVERING INDEX images_status", (string)Assert.Single(plan)["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polled_reads_run_side_by_side_and_one_cancelled_leaves_the_next_working()
    {
        var store = CreateStore(Time);
        var (_, image) = await ApplianceAndImageAsync(store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetImageStatusAsync(Alice, image.Id, cancelled.Token));
        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.GetImageStatusAsync(Alice, image.Id, default))));
        var versions = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.GetImagesVersionAsync(default))));

        Assert.All(statuses, s => Assert.Equal(ImageStatus.Queued, s!.Status));
        Assert.Single(versions.Distinct());
    }

    [Fact]
    public async Task Deleting_an_appliance_changes_the_images_version_for_the_images_it_takes_with_it()
    {
        var store = CreateStore(Time);
        var (appliance, _) = await ApplianceAndImageAsync(store);
        await store.CreateImageAsync(Samples.Image(appliance, "ova"), default);
        var before = await store.GetImagesVersionAsync(default);

        await store.DeleteApplianceAsync(Alice, appliance.Id, default);

        // The appliance and both images it cascades to, each counted by its own trigger.
        Assert.Equal(before + 3, await store.GetImagesVersionAsync(default));
    }

    [Fact]
    public void Connections_reused_from_the_pool_and_new_ones_all_have_the_busy_timeout_foreign_keys_and_synchronous_settings()
    {
        var database = new SqliteDatabase(_database.Path);
        var settings = new List<(long BusyTimeout, long ForeignKeys, long Synchronous)>();

        for (var i = 0; i < 3; i++)
        {
            using var connection = database.Open();
            settings.Add(Settings(connection));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var fresh = database.Open())
            settings.Add(Settings(fresh));

        // busy_timeout in ms, foreign_keys on, synchronous NORMAL (1), on reused and new physical connections alike.
        Assert.All(settings, s => Assert.Equal((10_000L, 1L, 1L), s));
    }

    private static (long, long, long) Settings(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        long Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return (long)command.ExecuteScalar()!;
        }
        return (Pragma("busy_timeout"), Pragma("foreign_keys"), Pragma("synchronous"));
    }

    [Fact]
    public async Task Concurrent_writers_all_succeed_without_database_is_locked()
    {
        const int Writers = 8;
        const int Rounds = 10;
        var shared = CreateStore(TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            // Half share one store, half have their own: both ways end on the same file.
            var store = w % 2 == 0 ? shared : CreateStore(TimeProvider.System);
            var owner = "writer" + w;
            await store.CreateUserAsync(Samples.User(owner), default);
            for (var round = 0; round < Rounds; round++)
            {
                var appliance = await store.CreateApplianceAsync(owner, Samples.Definition(), false, default);
                appliance = await store.UpdateApplianceAsync(appliance with { HasOsProfile = true }, default);
                var image = await store.CreateImageAsync(Samples.Image(appliance), default);
                await store.SetImageJobAsync(image.Id, Guid.NewGuid(), default);
                await store.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 50, "disk"), default);
                await store.CompleteImageAsync(image.Id, Samples.Artefact(image.Id), Samples.Packages, default);
                var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(1), default);
                Assert.Equal(image.Id, await store.RedeemDownloadTicketAsync(ticket.Id, default));
            }
        })));

        Assert.Equal(Writers, (await shared.ListUsersAsync(default)).Count);
        for (var w = 0; w < Writers; w++)
        {
            var images = await shared.ListImagesAsync("writer" + w, null, default);
            Assert.Equal(Rounds, images.Count);
            Assert.All(images, i => Assert.Equal(4, i.Stamp.Revision)); // created, job, generating, complete
            Assert.Equal(Rounds, (await shared.ListAppliancesAsync("writer" + w, default)).Count(a => a.Stamp.Revision == 2));
        }
    }

    [Fact]
    public async Task Ids_are_never_given_again_after_a_delete()
    {
        var store = CreateStore(Time);
        var (first, firstImage) = await ApplianceAndImageAsync(store);
        var (last, lastImage) = await ApplianceAndImageAsync(store);
        await store.DeleteApplianceAsync(Alice, last.Id, default);

        var (next, nextImage) = await ApplianceAndImageAsync(store);

        Assert.True(first.Id < last.Id && last.Id < next.Id);
        Assert.True(firstImage.Id < lastImage.Id && lastImage.Id < nextImage.Id);
    }

    [Fact]
    public async Task A_ticket_is_stored_only_as_its_sha256()
    {
        var store = CreateStore(Time);
        var (_, image) = await ApplianceAndImageAsync(store);
        var ticket = await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default);

        var rows = Rows("SELECT * FROM download_tickets");

        var row = Assert.Single(rows);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(ticket.Id)), (byte[])row["id_hash"]);
        Assert.DoesNotContain(row.Values, v => v is string s && s.Contains(ticket.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(row.Values, v => v is byte[] b && Encoding.ASCII.GetString(b).Contains(ticket.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_tickets_are_forgotten_when_the_next_one_is_issued()
    {
        var store = CreateStore(Time);
        var (_, image) = await ApplianceAndImageAsync(store);
        await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(1), default);
        await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(10), default);
        Time.Advance(TimeSpan.FromMinutes(2));

        await store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(1), default);

        Assert.Equal(2, Rows("SELECT expires_at FROM download_tickets").Count);
    }

    [Fact]
    public async Task The_definition_is_kept_as_the_appliance_readers_json()
    {
        var store = CreateStore(Time);
        var (appliance, image) = await ApplianceAndImageAsync(store);

        Assert.Equal(Samples.Json(appliance.Definition), Assert.Single(Rows("SELECT definition FROM appliances"))["definition"]);
        Assert.Equal(Samples.Json(image.Definition), Assert.Single(Rows("SELECT definition FROM images"))["definition"]);
    }

    [Fact]
    public async Task A_stale_update_and_an_update_of_something_gone_say_which_it_is()
    {
        var store = CreateStore(Time);
        var user = await store.CreateUserAsync(Samples.User(Alice), default);
        await store.UpdateUserAsync(user, default);
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        await store.UpdateApplianceAsync(appliance, default);

        var staleUser = await Assert.ThrowsAsync<CatalogConflictException>(() => store.UpdateUserAsync(user, default));
        var goneUser = await Assert.ThrowsAsync<CatalogConflictException>(() => store.UpdateUserAsync(user with { Id = 999 }, default));
        var staleAppliance = await Assert.ThrowsAsync<CatalogConflictException>(() => store.UpdateApplianceAsync(appliance, default));
        await store.DeleteApplianceAsync(Alice, appliance.Id, default);
        var goneAppliance = await Assert.ThrowsAsync<CatalogConflictException>(() => store.UpdateApplianceAsync(appliance, default));

        Assert.Contains("changed meanwhile (revision 2, not 1)", staleUser.Message, StringComparison.Ordinal);
        Assert.Contains("no longer exists", goneUser.Message, StringComparison.Ordinal);
        Assert.Contains("changed meanwhile (revision 2, not 1)", staleAppliance.Message, StringComparison.Ordinal);
        Assert.Contains("no longer exists", goneAppliance.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_belongs_to_one_user_only()
    {
        var store = CreateStore(Time);
        await store.CreateUserAsync(Samples.User(Alice), default);
        var bob = await store.CreateUserAsync(Samples.User(Bob), default);

        var onCreate = await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateUserAsync(Samples.User("carol") with { ApiKey = "key-alice" }, default));
        var onUpdate = await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateUserAsync(bob with { ApiKey = "key-alice" }, default));

        Assert.DoesNotContain("key-alice", onCreate.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key-alice", onUpdate.Message, StringComparison.Ordinal);
        Assert.Equal(Alice, (await store.FindUserByApiKeyAsync("key-alice", default))!.Login);
    }

    [Fact]
    public async Task An_image_is_made_only_for_an_existing_appliance_of_its_owner()
    {
        var store = CreateStore(Time);
        var (appliance, _) = await ApplianceAndImageAsync(store);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateImageAsync(Samples.Image(appliance) with { Owner = Bob }, default));
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateImageAsync(Samples.Image(appliance) with { ApplianceId = appliance.Id + 100 }, default));

        Assert.Empty(await store.ListImagesAsync(Bob, null, default));
    }

    [Fact]
    public async Task A_ticket_for_an_image_that_is_gone_is_a_conflict()
    {
        var store = CreateStore(Time);
        var (_, image) = await ApplianceAndImageAsync(store);
        await store.DeleteImageAsync(Alice, image.Id, default);

        await Assert.ThrowsAsync<CatalogConflictException>(() => store.IssueDownloadTicketAsync(image.Id, TimeSpan.FromMinutes(5), default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.IssueDownloadTicketAsync(image.Id, TimeSpan.Zero, default));
    }

    private static async Task<(Appliance Appliance, Image Image)> ApplianceAndImageAsync(ICatalogStore store)
    {
        var appliance = await store.CreateApplianceAsync(Alice, Samples.Definition(), true, default);
        return (appliance, await store.CreateImageAsync(Samples.Image(appliance), default));
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
