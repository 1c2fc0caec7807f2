namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Category</c>. Root element <c>category</c>. Holds the information of one category available on
/// the platform.
/// </summary>
public sealed class Category : UForgeObject
{
    public string? Name { get; set; }
    public string? OrgUri { get; set; }
    public List<Category>? SubCategories { get; set; }
    public string? SubCategoryUri { get; set; }
    public string? Uri { get; set; }
    /// <summary>One of PROJECT, TEMPLATE, IMAGEFORMAT (the xsd restricts the values).</summary>
    public string? Type { get; set; }
}
