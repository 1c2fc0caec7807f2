namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Company</c>. Root element <c>company</c>. Provides information for an organization.
/// Not modelled (Kiln neither sends nor reads them; unknown elements are skipped when reading): address
/// (Address).
/// </summary>
public sealed class Company : UForgeObject
{
    public Logo? Logo { get; set; }
    public string? Name { get; set; }
    public string? ParentUri { get; set; }
    public string? Uri { get; set; }
    public string? Website { get; set; }
}
