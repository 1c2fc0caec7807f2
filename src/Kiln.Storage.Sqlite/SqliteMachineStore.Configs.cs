using Kiln.Catalog;
using Microsoft.Data.Sqlite;
using static Kiln.Storage.Sqlite.SqliteStatements;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// Machine configurations (shared ones have no owner and are seen by everyone, but deleted by no one through the
/// owner's calls) and templates (a configuration the owner can see, and an image id).
/// </summary>
public sealed partial class SqliteMachineStore
{
    public async Task<MachineConfig> CreateConfigAsync(NewMachineConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (await QueryOneAsync(MachineSql.CreateConfig, c =>
        {
            Bind(c, "$owner", config.Owner);
            BindLabel(c, config.Label);
            BindHardware(c, config.Hardware);
            Bind(c, "$now", Now);
        }, ReadConfig, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<MachineConfig?> GetConfigAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryOneAsync(MachineSql.GetConfig, c => Identify(c, owner, id), ReadConfig, cancellationToken);

    public Task<IReadOnlyList<MachineConfig>> ListConfigsAsync(string owner, CancellationToken cancellationToken) =>
        QueryListAsync(MachineSql.ListConfigs, c => Bind(c, "$owner", owner), ReadConfig, cancellationToken);

    public Task<IReadOnlyList<MachineConfig>> ListSharedConfigsAsync(CancellationToken cancellationToken) =>
        QueryListAsync(MachineSql.ListSharedConfigs, _ => { }, ReadConfig, cancellationToken);

    /// <summary>Templates that name the configuration keep its id: whoever uses one finds the configuration gone.</summary>
    public Task<bool> DeleteConfigAsync(string owner, long id, CancellationToken cancellationToken) =>
        DeleteAsync(MachineSql.DeleteConfig, owner, id, cancellationToken);

    /// <summary>
    /// The configuration must be shared or the owner's; otherwise (deleted meanwhile, or another user's) it is a
    /// <see cref="CatalogConflictException"/>, as for an image of a missing appliance. The image is not checked: it lives
    /// in the catalog, a component this one does not depend on.
    /// </summary>
    public async Task<MachineTemplate> CreateTemplateAsync(NewMachineTemplate newTemplate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newTemplate);
        return await QueryOneAsync(MachineSql.CreateTemplate, c =>
        {
            Bind(c, "$owner", newTemplate.Owner);
            BindLabel(c, newTemplate.Label);
            Bind(c, "$config_id", newTemplate.ConfigId);
            Bind(c, "$image_id", newTemplate.ImageId);
            Bind(c, "$now", Now);
        }, ReadTemplate, cancellationToken).ConfigureAwait(false)
            ?? throw new CatalogConflictException($"machine configuration {newTemplate.ConfigId} does not exist");
    }

    public Task<MachineTemplate?> GetTemplateAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryOneAsync(MachineSql.GetTemplate, c => Identify(c, owner, id), ReadTemplate, cancellationToken);

    public Task<IReadOnlyList<MachineTemplate>> ListTemplatesAsync(string owner, CancellationToken cancellationToken) =>
        QueryListAsync(MachineSql.ListTemplates, c => Bind(c, "$owner", owner), ReadTemplate, cancellationToken);

    public Task<bool> DeleteTemplateAsync(string owner, long id, CancellationToken cancellationToken) =>
        DeleteAsync(MachineSql.DeleteTemplate, owner, id, cancellationToken);

    private static MachineConfig ReadConfig(SqliteDataReader r) =>
        new(Integer(r, "id"), TextOrNull(r, "owner"), ReadLabel(r), ReadHardware(r), ReadStamp(r));

    private static MachineTemplate ReadTemplate(SqliteDataReader r) =>
        new(Integer(r, "id"), Text(r, "owner"), ReadLabel(r), Integer(r, "config_id"), Integer(r, "image_id"), ReadStamp(r));
}
