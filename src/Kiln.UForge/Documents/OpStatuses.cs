namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>OpStatuses</c>. Root element <c>statuses</c>. Provides a list of status objects.
/// </summary>
public sealed class OpStatuses : UForgeObjects<OpStatus>;
