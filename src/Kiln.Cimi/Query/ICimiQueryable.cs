namespace Kiln.Cimi.Query;

/// <summary>What a query sees of one resource: its attributes and its <c>property</c> entries.</summary>
public interface ICimiQueryable
{
    /// <summary>The attribute's value, or null when the resource has no such attribute (or it is unset).</summary>
    CimiValue? GetAttribute(string name);

    /// <summary>The text of the <c>property</c> entry with that key, or null when there is none.</summary>
    string? GetProperty(string key);
}
