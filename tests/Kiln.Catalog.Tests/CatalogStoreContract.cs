using Kiln.Catalog.Tests.Support;

namespace Kiln.Catalog.Tests;

/// <summary>
/// What every <see cref="ICatalogStore"/> backend must do, one behaviour of the interface's documentation per test.
/// A backend's test class derives from this one. Split by concern: users and roles, appliances, images, tickets.
/// </summary>
public abstract partial class CatalogStoreContract
{
    protected const string Alice = "alice";
    protected const string Bob = "bob";

    protected ManualTimeProvider Time { get; } = new();

    protected abstract ICatalogStore CreateStore(TimeProvider time);

    private ICatalogStore NewStore() => CreateStore(Time);

    /// <summary>A stamp as made now, or as changed now from <paramref name="previous"/>.</summary>
    private Stamp StampNow(Stamp? previous = null) =>
        previous is null
            ? new Stamp(Time.GetUtcNow(), Time.GetUtcNow(), 1)
            : previous with { LastModified = Time.GetUtcNow(), Revision = previous.Revision + 1 };

    private static async Task<(Appliance Appliance, Image Image)> ApplianceWithImageAsync(ICatalogStore store, string owner)
    {
        var appliance = await store.CreateApplianceAsync(owner, Samples.Definition(), true, default);
        return (appliance, await store.CreateImageAsync(Samples.Image(appliance), default));
    }
}
