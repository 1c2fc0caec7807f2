using Kiln.Builder.Appliances;

namespace Kiln.Catalog;

/// <summary>
/// An appliance in the catalog, owned by one user. Built up the UForge way: created with a name and version, then
/// given an OS profile and an install profile; <see cref="Definition"/> holds all of it in the builder's model
/// (its <c>Os</c> is meaningful only when <see cref="HasOsProfile"/>).
/// </summary>
public sealed record Appliance(long Id, string Owner, ApplianceDefinition Definition, bool HasOsProfile, Stamp Stamp);
