using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>Appliances: the definition is kept as <see cref="ApplianceReader"/>'s JSON; every statement names the owner.</summary>
public sealed partial class SqliteCatalogStore
{
    public async Task<Appliance> CreateApplianceAsync(string owner, ApplianceDefinition definition, bool hasOsProfile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (await QueryOneAsync(CatalogSql.CreateAppliance, c =>
        {
            Bind(c, "$owner", owner);
            Bind(c, "$definition", ApplianceReader.Serialize(definition));
            Bind(c, "$has_os_profile", hasOsProfile);
            Bind(c, "$now", Now);
        }, ReadAppliance, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<Appliance?> GetApplianceAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryOneAsync(CatalogSql.GetAppliance, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$owner", owner);
        }, ReadAppliance, cancellationToken);

    public Task<IReadOnlyList<Appliance>> ListAppliancesAsync(string owner, CancellationToken cancellationToken) =>
        QueryListAsync(CatalogSql.ListAppliances, c => Bind(c, "$owner", owner), ReadAppliance, cancellationToken);

    /// <summary>
    /// A stale revision is a conflict; so is an appliance that no longer exists (deleted meanwhile, or never the
    /// owner's), with a message that says so: the interface promises a result, and the caller's copy is stale.
    /// </summary>
    public async Task<Appliance> UpdateApplianceAsync(Appliance appliance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appliance);
        void Identify(SqliteCommand c)
        {
            Bind(c, "$id", appliance.Id);
            Bind(c, "$owner", appliance.Owner);
        }
        var updated = await QueryOneAsync(CatalogSql.UpdateAppliance, c =>
        {
            Identify(c);
            Bind(c, "$definition", ApplianceReader.Serialize(appliance.Definition));
            Bind(c, "$has_os_profile", appliance.HasOsProfile);
            Bind(c, "$now", Now);
            Bind(c, "$revision", appliance.Stamp.Revision);
        }, ReadAppliance, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
            return updated;
        var current = await ScalarAsync(CatalogSql.ApplianceRevision, Identify, cancellationToken).ConfigureAwait(false);
        throw new CatalogConflictException(current is null
            ? $"appliance {appliance.Id} no longer exists"
            : $"appliance {appliance.Id} was changed meanwhile (revision {current}, not {appliance.Stamp.Revision}); read it again");
    }

    public async Task<bool> DeleteApplianceAsync(string owner, long id, CancellationToken cancellationToken) =>
        await ExecuteAsync(CatalogSql.DeleteAppliance, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$owner", owner);
        }, cancellationToken).ConfigureAwait(false) > 0;

    private static Appliance ReadAppliance(SqliteDataReader r) => new(
        Integer(r, "id"), Text(r, "owner"), ApplianceReader.Parse(Text(r, "definition")), Flag(r, "has_os_profile"), ReadStamp(r));
}
