namespace Kiln.Catalog;

/// <summary>What a status poll needs of an image: where its generation is, whose it is and under which appliance, its stamp.</summary>
public sealed record ImageProgress(long Id, string Owner, long? ApplianceId, ImageStatus Status, Stamp Stamp);
