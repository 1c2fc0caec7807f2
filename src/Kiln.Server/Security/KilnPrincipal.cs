namespace Kiln.Server.Security;

/// <summary>The authenticated caller of a request: their login and the entitlements of their roles.</summary>
internal sealed record KilnPrincipal(string Login, IReadOnlySet<string> Entitlements)
{
    public bool Has(string entitlement) => Entitlements.Contains(entitlement);
}
