namespace Kiln.Server.Machines;

/// <summary>An operation a machine cannot take now (its state, or the limit of running machines): a 409 with the reason.</summary>
internal sealed class MachineConflictException : Exception
{
    public MachineConflictException()
    {
    }

    public MachineConflictException(string message) : base(message)
    {
    }

    public MachineConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
